// An extension's account lends from a lending secret the app keeps for it (src/wallet.ts):
// its per-loan keys derive along the path loanctl derives (`<words>//loanchain//lender//N`),
// and the one password of the account's keys here opens it. The browser's local storage is
// a Map here (vitest runs in Node).
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';

const storage = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, String(value)),
    removeItem: (key: string) => void storage.delete(key),
  },
});
const wallet = await import('../src/wallet');

const WORDS = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';
// An extension's account: not one kept in this browser.
const EXTENSION_ACCOUNT = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy';
const PASSWORD = 'correct horse battery';

beforeAll(cryptoWaitReady);
beforeEach(() => {
  storage.clear();
  wallet.lock(EXTENSION_ACCOUNT);
});

// Every store and unlock runs scrypt, as the browser does: a second or so each.
describe("an extension account's lending secret", { timeout: 60_000 }, () => {
  it('derives the per-loan keys loanctl derives from the same words', async () => {
    await wallet.storeLendingSecret(
      EXTENSION_ACCOUNT,
      `  ${WORDS.replace(/ /g, '   ')} `,
      PASSWORD,
    );
    const keyring = new Keyring({ type: 'sr25519' });
    for (const index of [0, 1, 41]) {
      const expected = keyring.createFromUri(`${WORDS}//loanchain//lender//${index}`).publicKey;
      expect(wallet.perLoanKey(EXTENSION_ACCOUNT, index).publicKey).toEqual(expected);
      // Asked again (kept from the first time): the same key.
      expect(wallet.perLoanKey(EXTENSION_ACCOUNT, index).publicKey).toEqual(expected);
    }
    expect(wallet.lendingSecretWords(EXTENSION_ACCOUNT)).toBe(WORDS);
    // Another secret: its own keys, none kept from the first.
    const other = mnemonicGenerate(12);
    await wallet.storeLendingSecret(EXTENSION_ACCOUNT, other, PASSWORD);
    expect(wallet.perLoanKey(EXTENSION_ACCOUNT, 1).publicKey).toEqual(
      keyring.createFromUri(`${other}//loanchain//lender//1`).publicKey,
    );
  });

  it('is kept encrypted, and opens with its password only', async () => {
    await wallet.storeLendingSecret(EXTENSION_ACCOUNT, WORDS, PASSWORD);
    expect([...storage.values()].some((value) => value.includes('bottom'))).toBe(false);
    wallet.lock(EXTENSION_ACCOUNT);
    expect(wallet.hasLendingSecret(EXTENSION_ACCOUNT)).toBe(true);
    expect(() => wallet.perLoanKey(EXTENSION_ACCOUNT, 0)).toThrow(/locked/);
    await expect(wallet.unlock(EXTENSION_ACCOUNT, 'another password')).rejects.toBeInstanceOf(
      wallet.WrongPasswordError,
    );
    expect(wallet.lendingSecretWords(EXTENSION_ACCOUNT)).toBeUndefined();
    await wallet.unlock(EXTENSION_ACCOUNT, PASSWORD);
    expect(wallet.lendingSecretWords(EXTENSION_ACCOUNT)).toBe(WORDS);
  });

  it("takes the password of the account's encryption key, and gives the key its own", async () => {
    wallet.storeEncryptionKey(EXTENSION_ACCOUNT, wallet.newEncryptionSecret(), PASSWORD);
    await expect(
      wallet.storeLendingSecret(EXTENSION_ACCOUNT, WORDS, 'another password'),
    ).rejects.toBeInstanceOf(wallet.WrongPasswordError);
    expect(wallet.hasLendingSecret(EXTENSION_ACCOUNT)).toBe(false);
    await wallet.storeLendingSecret(EXTENSION_ACCOUNT, WORDS, PASSWORD);
    expect(() =>
      wallet.storeEncryptionKey(EXTENSION_ACCOUNT, wallet.newEncryptionSecret(), 'another one'),
    ).toThrow(wallet.WrongPasswordError);
    wallet.lock(EXTENSION_ACCOUNT);
    await wallet.unlock(EXTENSION_ACCOUNT, PASSWORD);
    expect(wallet.encryptionSecret(EXTENSION_ACCOUNT)).toBeDefined();
    expect(wallet.lendingSecretWords(EXTENSION_ACCOUNT)).toBe(WORDS);
  });

  it('refuses words that are no mnemonic, and keeps nothing', async () => {
    await expect(
      wallet.storeLendingSecret(EXTENSION_ACCOUNT, 'bottom drive obey', PASSWORD),
    ).rejects.toThrow(/mnemonic/);
    expect(wallet.hasLendingSecret(EXTENSION_ACCOUNT)).toBe(false);
  });

  it("is not for a browser account, whose keys derive from the account's own secret", async () => {
    const address = await wallet.addAccount('//Dave', 'Dave', PASSWORD);
    await expect(wallet.storeLendingSecret(address, WORDS, PASSWORD)).rejects.toThrow(
      /browser account/,
    );
    const dave = new Keyring({ type: 'sr25519' }).createFromUri('//Dave//loanchain//lender//0');
    expect(wallet.perLoanKey(address, 0).publicKey).toEqual(dave.publicKey);
  });
});
