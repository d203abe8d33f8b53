// Accounts and keys, all kept in this browser.
//
// - Accounts: those of the polkadot.js browser extension when it is installed (it signs),
//   and accounts created or imported here: an sr25519 pair from a mnemonic (or a secret URI
//   such as //Alice on a development chain), stored as polkadot.js's encrypted JSON — the
//   file apps and the extension import — and unlocked with its password for the session.
// - Each account's X25519 key (for sealed loan details) is generated here and stored beside
//   it, encrypted with a password (scrypt + xsalsa20-poly1305, as the account JSON). It is
//   exported and imported as `loanctl keygen`'s key file.
// - An extension's account that lends privately has a lending secret here: 12 words, stored
//   encrypted the same way under the password of the account's X25519 key, from which its
//   per-loan keys derive (a browser account's derive from the account's own secret, which
//   the extension never gives out).
//
// Nothing here is sent anywhere: the node only ever sees signed transactions and public keys.
import type { Signer } from '@polkadot/api/types';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair, KeyringPair$Json } from '@polkadot/keyring/types';
import {
  cryptoWaitReady,
  jsonDecrypt,
  jsonEncrypt,
  mnemonicGenerate,
  mnemonicValidate,
} from '@polkadot/util-crypto';
import type { EncryptedJson } from '@polkadot/util-crypto/types';
import { hexToU8a, stringToU8a, u8aToHex, u8aToString, u8aWrapBytes } from '@polkadot/util';
import { x25519 } from '@noble/curves/ed25519.js';
import { publicKey } from './crypto/sealing';

export interface Account {
  address: string;
  name: string;
  /** `browser`: kept in this browser's storage; `extension`: the polkadot.js extension's. */
  source: 'browser' | 'extension';
  /** The signature scheme: sr25519 for the app's own accounts. */
  type: 'sr25519' | 'ed25519' | 'ecdsa' | 'ethereum';
}

const ACCOUNTS = 'loanchain.accounts';
const ACTIVE = 'loanchain.active';
const x25519Entry = (address: string) => `loanchain.x25519.${address}`;
const lendingEntry = (address: string) => `loanchain.lendingSecret.${address}`;

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
/**
 * Unlocked for this session only: the browser account's pair, the X25519 secret key, and an
 * extension account's lending secret (its words, and the pair they make).
 */
const unlocked = new Map<
  string,
  { pair?: KeyringPair; x25519?: Uint8Array; lending?: { words: string; pair: KeyringPair } }
>();
let extensionAccounts: Account[] = [];
const listeners = new Set<() => void>();

export class WrongPasswordError extends Error {}

/** Calls `listener` whenever the accounts, the active one, or what is unlocked change. */
export function onWalletChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => listeners.forEach((listener) => listener());

function storedAccounts(): KeyringPair$Json[] {
  return JSON.parse(localStorage.getItem(ACCOUNTS) ?? '[]') as KeyringPair$Json[];
}

export function accounts(): Account[] {
  const own = storedAccounts().map((json) => ({
    address: json.address,
    name: String(json.meta.name ?? ''),
    source: 'browser' as const,
    type: 'sr25519' as const,
  }));
  return [...own, ...extensionAccounts];
}

/** Asks the polkadot.js extension (if installed) for its accounts; none when it is absent. */
export async function connectExtension(): Promise<boolean> {
  const { web3Accounts, web3Enable } = await import('@polkadot/extension-dapp');
  const extensions = await web3Enable('Loanchain');
  if (!extensions.length) return false;
  extensionAccounts = (await web3Accounts({ ss58Format: 42 })).map((account) => ({
    address: account.address,
    name: account.meta.name ?? account.meta.source,
    source: 'extension',
    type: account.type ?? 'sr25519',
  }));
  changed();
  return true;
}

export const newMnemonic = () => mnemonicGenerate(12);

/**
 * Adds an account from a 12- or 24-word mnemonic, or a secret URI (`//Alice`, `<mnemonic>//0`)
 * and stores it encrypted with `password`. Returns its address.
 */
export async function addAccount(secret: string, name: string, password: string): Promise<string> {
  await cryptoWaitReady();
  const phrase = secret.trim().replace(/\s+/g, ' ');
  const words = phrase.split('/')[0].trim();
  if (words && !mnemonicValidate(words) && !phrase.startsWith('//')) {
    throw new Error('not a valid mnemonic');
  }
  const pair = keyring.createFromUri(phrase, { name });
  const json = pair.toJson(password);
  const others = storedAccounts().filter((stored) => stored.address !== pair.address);
  localStorage.setItem(ACCOUNTS, JSON.stringify([...others, json]));
  unlocked.set(pair.address, { ...unlocked.get(pair.address), pair });
  setActive(pair.address);
  return pair.address;
}

/** Forgets a browser account and its X25519 key (export both first). */
export function removeAccount(address: string) {
  localStorage.setItem(
    ACCOUNTS,
    JSON.stringify(storedAccounts().filter((stored) => stored.address !== address)),
  );
  localStorage.removeItem(x25519Entry(address));
  unlocked.delete(address);
  if (activeAddress() === address) localStorage.removeItem(ACTIVE);
  changed();
}

/** The account's encrypted JSON, to import into polkadot.js apps or the extension. */
export function exportAccount(address: string): string {
  const json = storedAccounts().find((stored) => stored.address === address);
  if (!json) throw new Error('not an account of this browser');
  return JSON.stringify(json);
}

export function activeAddress(): string | undefined {
  const address = localStorage.getItem(ACTIVE) ?? undefined;
  return accounts().some((account) => account.address === address) ? address : undefined;
}

export function activeAccount(): Account | undefined {
  const address = activeAddress();
  return accounts().find((account) => account.address === address);
}

export function setActive(address: string) {
  localStorage.setItem(ACTIVE, address);
  changed();
}

/**
 * Unlocks the account (a browser account's pair), its X25519 key and its lending secret with
 * `password`, for this session. Throws `WrongPasswordError` when the password opens none.
 */
export async function unlock(address: string, password: string) {
  await cryptoWaitReady();
  const state = unlocked.get(address) ?? {};
  const json = storedAccounts().find((stored) => stored.address === address);
  try {
    if (json && !state.pair) {
      const pair = keyring.createFromJson(json);
      pair.decodePkcs8(password);
      state.pair = pair;
    }
    const sealedKey = localStorage.getItem(x25519Entry(address));
    if (sealedKey && !state.x25519) {
      state.x25519 = jsonDecrypt(JSON.parse(sealedKey) as EncryptedJson, password);
    }
    const sealedWords = localStorage.getItem(lendingEntry(address));
    if (sealedWords && !state.lending) {
      const words = u8aToString(jsonDecrypt(JSON.parse(sealedWords) as EncryptedJson, password));
      state.lending = { words, pair: keyring.createFromUri(words) };
    }
  } catch {
    throw new WrongPasswordError('wrong password');
  }
  unlocked.set(address, state);
  changed();
}

export function lock(address: string) {
  unlocked.delete(address);
  changed();
}

/** Whether the account can sign now (a browser account unlocked, or an extension's). */
export function canSign(address: string): boolean {
  const account = accounts().find((a) => a.address === address);
  return account?.source === 'extension' || Boolean(unlocked.get(address)?.pair);
}

/**
 * The test chains' faucet: Alice's well-known development key (`//Alice`, public by design
 * on `--dev` and `--chain local`), held in memory to sign a transfer to a new account, never
 * stored. The caller checks that the chain is a test chain. Its address.
 */
export async function devFaucet(): Promise<string> {
  await cryptoWaitReady();
  const alice = keyring.createFromUri('//Alice');
  faucets.set(alice.address, alice);
  return alice.address;
}
const faucets = new Map<string, KeyringPair>();

/** What @polkadot/api signs with: the unlocked pair, or the extension's signer. */
export async function signerFor(
  address: string,
): Promise<{ account: KeyringPair | string; signer?: Signer }> {
  const pair = unlocked.get(address)?.pair ?? faucets.get(address);
  if (pair) return { account: pair };
  if (extensionAccounts.some((account) => account.address === address)) {
    const { web3FromAddress } = await import('@polkadot/extension-dapp');
    return { account: address, signer: (await web3FromAddress(address)).signer };
  }
  throw new Error('the account is locked');
}

/**
 * The pair an account's per-loan keys derive from, while it is unlocked: a browser account's
 * own, an extension account's lending secret's.
 */
export const lenderKeySource = (address: string): KeyringPair | undefined => {
  const state = unlocked.get(address);
  return state?.pair ?? state?.lending?.pair;
};

/** Whether `perLoanKey` can derive the account's keys now: it, or its lending secret, is unlocked. */
export const canDeriveLenderKeys = (address: string) => lenderKeySource(address) !== undefined;

/**
 * A private lender's per-loan key number `index` (docs/loans.md, "A private lender"): the
 * unlocked browser account's pair — an extension's account: its unlocked lending secret's —
 * derived hard along `//loanchain//lender//<index>`: the key `loanctl lender-loans --suri
 * <that secret>` derives, so either client finds the lender's loans.
 */
export function perLoanKey(address: string, index: number): KeyringPair {
  const pair = lenderKeySource(address);
  if (!pair) throw new Error('the account is locked, or has no lending secret unlocked');
  let keys = derivedKeys.get(pair);
  if (!keys) derivedKeys.set(pair, (keys = new Map()));
  let key = keys.get(index);
  if (!key) keys.set(index, (key = pair.derive(`//loanchain//lender//${index}`)));
  return key;
}

/**
 * The per-loan keys derived so far, by the pair they derive from: a lender's client looks
 * its whole bundle of tokens up for each new loan, and a derivation takes milliseconds.
 * They go with that pair, when the account is locked or its lending secret replaced.
 */
const derivedKeys = new WeakMap<KeyringPair, Map<number, KeyringPair>>();

/** Whether an extension's account has a lending secret stored in this browser. */
export const hasLendingSecret = (address: string) =>
  localStorage.getItem(lendingEntry(address)) !== null;

/** The words of the account's lending secret, when it is unlocked. */
export const lendingSecretWords = (address: string) => unlocked.get(address)?.lending?.words;

/**
 * Stores `words` (a new mnemonic, or one written down before) as the lending secret of an
 * extension's account, encrypted with `password`, and unlocks it. The account's X25519 key,
 * when stored, must open with the same password (one password per account, as for a browser
 * account): `WrongPasswordError` otherwise.
 */
export async function storeLendingSecret(address: string, words: string, password: string) {
  await cryptoWaitReady();
  const phrase = words.trim().replace(/\s+/g, ' ');
  if (!mnemonicValidate(phrase)) throw new Error('not a valid mnemonic');
  if (storedAccounts().some((stored) => stored.address === address)) {
    throw new Error('a browser account lends from its own secret');
  }
  const sealedKey = localStorage.getItem(x25519Entry(address));
  if (sealedKey) {
    try {
      jsonDecrypt(JSON.parse(sealedKey) as EncryptedJson, password);
    } catch {
      throw new WrongPasswordError('wrong password');
    }
  }
  localStorage.setItem(
    lendingEntry(address),
    JSON.stringify(jsonEncrypt(stringToU8a(phrase), ['mnemonic', 'loanchain'], password)),
  );
  unlocked.set(address, {
    ...unlocked.get(address),
    lending: { words: phrase, pair: keyring.createFromUri(phrase) },
  });
  changed();
}

/** Signs 32 bytes as a wallet signs a message (`<Bytes>…</Bytes>`), for `loans.record`. */
export async function signMessage(address: string, message: Uint8Array): Promise<Uint8Array> {
  const pair = unlocked.get(address)?.pair;
  if (pair) return pair.sign(u8aWrapBytes(message));
  const { signer } = await signerFor(address);
  if (!signer?.signRaw) throw new Error('the extension cannot sign messages');
  const { signature } = await signer.signRaw({
    address,
    data: u8aToHex(message),
    type: 'bytes',
  });
  return hexToU8a(signature);
}

/** Whether the account has an X25519 key stored in this browser. */
export const hasEncryptionKey = (address: string) =>
  localStorage.getItem(x25519Entry(address)) !== null;

/** The unlocked X25519 secret key, if any. */
export const encryptionSecret = (address: string) => unlocked.get(address)?.x25519;

/** The X25519 public key stored for the account (unlocked), if any. */
export function encryptionPublicKey(address: string): Uint8Array | undefined {
  const secret = encryptionSecret(address);
  return secret && publicKey(secret);
}

/** Stores `secret` (new or imported) as the account's X25519 key, encrypted with `password`. */
export function storeEncryptionKey(address: string, secret: Uint8Array, password: string) {
  // One password opens a browser account and its key, or an extension account's lending
  // secret and its key: refuse another one.
  const json = storedAccounts().find((stored) => stored.address === address);
  const sealedWords = localStorage.getItem(lendingEntry(address));
  try {
    if (json) keyring.createFromJson(json).decodePkcs8(password);
    if (sealedWords) jsonDecrypt(JSON.parse(sealedWords) as EncryptedJson, password);
  } catch {
    throw new WrongPasswordError('wrong password');
  }
  localStorage.setItem(
    x25519Entry(address),
    JSON.stringify(jsonEncrypt(secret, ['x25519', 'loanchain'], password)),
  );
  unlocked.set(address, { ...unlocked.get(address), x25519: secret });
  changed();
}

export const newEncryptionSecret = () => x25519.utils.randomSecretKey();
