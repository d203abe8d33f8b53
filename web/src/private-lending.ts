// A private lender in the browser (docs/loans.md, "A private lender"; docs/web.md): its
// lender tokens, bought blind from a registrar; its consent requests, each for a fresh
// per-loan key; its loans, found by the keys it derived; and the calls that record a loan
// and act on it as that key — what `loanctl lender-tokens`, `finalize-tokens`,
// `private-consent-request`, `record-private`, `lender-loans` and `lender-act` do.
//
// The lender's book is kept in this browser, per account (`loanchain.privateLender.<address>`):
// the next per-loan key's number, the blinding secrets of the requests waiting for their
// registrar, the tokens, and the consent requests waiting for the borrower. It holds no key:
// every per-loan key is derived again from the account (`perLoanKey`), so the book is
// worthless without the account's secret — but it links the lender's loans together, and
// is kept as the account's own secrets are (docs/privacy.md).
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Vec } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { connect } from './chain';
import type { PrivateConsentRequest, SignedConsent } from './consent-request';
import { lenderOfHash, privateConsentHash, type SealedDetails } from './crypto/sealing';
import { blindMessage, finalizeToken, tokenKey, tokenMessage } from './crypto/tokens';
import type { LenderStatement } from './lender-of';
import { loans, type LoanRecord } from './records';
import { describeDispatchError } from './tx';
import { canDeriveLenderKeys, lenderKeySource, perLoanKey, signMessage } from './wallet';
import { epochToBuy, isDue, maturesOn, openedOffersOf } from './private-schedule';
import { contentKeyOf, openTerms, type LoanTerms } from './terms';

/** A request for tokens waiting for its registrar: what finalizing the answer takes. */
export interface TokenRequest {
  request: number;
  registrar: string;
  epoch: number;
  /** The block that included the request: the answer comes after it. */
  block: number;
  /** The per-loan keys' numbers, in the order of the blinded tokens. */
  keys: number[];
  blinded: { inv: string; randomizer: string }[];
}

/** A token, as `record_private` takes it, for the per-loan key `index`. */
export interface Token {
  index: number;
  issuer: string;
  epoch: number;
  randomizer: string;
  signature: string;
}

/** A consent request made for the borrower, waiting for its consent. */
export interface Offer {
  /** The per-loan key's number: its token and signature record the loan. */
  index: number;
  /** The account that holds the borrower's identity: the call's `borrower`. */
  borrower: string;
  request: PrivateConsentRequest;
}

export interface LenderBook {
  /**
   * The number of the next per-loan key: every key below it was given to a token request,
   * here or by another client of the same secret (found lent, `keyLoans`).
   */
  next: number;
  requests: TokenRequest[];
  tokens: Token[];
  offers: Offer[];
}

const bookKey = (address: string) => `loanchain.privateLender.${address}`;

export function lenderBook(address: string): LenderBook {
  const stored = localStorage.getItem(bookKey(address));
  return stored
    ? (JSON.parse(stored) as LenderBook)
    : { next: 0, requests: [], tokens: [], offers: [] };
}

export function storeBook(address: string, book: LenderBook) {
  localStorage.setItem(bookKey(address), JSON.stringify(book));
}

/**
 * Changes the book as `change` says, read and written at once: the book is read again after
 * every wait, so that two steps of the page (a collection, a consent request) never write
 * over each other's changes.
 */
function updateBook(address: string, change: (book: LenderBook) => void) {
  const book = lenderBook(address);
  change(book);
  storeBook(address, book);
}

/** The chain's token epoch: its chain day. */
export async function tokenEpoch(
  api: ApiPromise,
): Promise<{ epoch: number; perDay: number; block: number }> {
  const [header, perDay] = await Promise.all([
    api.rpc.chain.getHeader(),
    api.query.loans.blocksPerDay(),
  ]);
  const blocks = Number(perDay.toString());
  const block = header.number.toNumber();
  return { epoch: Math.floor(block / blocks), perDay: blocks, block };
}

/** A registrar's token key of `epoch` (its modulus), if it published one. */
async function modulusOf(api: ApiPromise, registrar: string, epoch: number) {
  const key = (await api.query.creditIdentity.tokenKeys(registrar, epoch)).toJSON() as {
    modulus: string;
  } | null;
  return key ? hexToU8a(key.modulus) : undefined;
}

/**
 * The registrars a lender can buy tokens from now, with the epoch they would be of
 * (`epochToBuy`).
 */
export async function tokenSellers(): Promise<{ registrar: string; epoch: number }[]> {
  const api = await connect();
  const { perDay, block } = await tokenEpoch(api);
  const keys = await api.query.creditIdentity.tokenKeys.keys();
  const byRegistrar = new Map<string, number[]>();
  for (const key of keys) {
    const [registrar, of] = key.args;
    const epochs = byRegistrar.get(registrar.toString()) ?? [];
    epochs.push(Number(of.toString()));
    byRegistrar.set(registrar.toString(), epochs);
  }
  return [...byRegistrar.entries()].flatMap(([registrar, epochs]) => {
    const epoch = epochToBuy(block, perDay, epochs);
    return epoch === undefined ? [] : [{ registrar, epoch }];
  });
}

/** The loan each of `keys` lent, or undefined for a key that lent none. */
async function loansOfKeys(api: ApiPromise, keys: Uint8Array[]): Promise<(number | undefined)[]> {
  const found: (number | undefined)[] = [];
  for (let from = 0; from < keys.length; from += 256) {
    const chunk = await api.query.loans.lenderKeys.multi(keys.slice(from, from + 256));
    for (const value of chunk) {
      const id = value.toJSON() as number | null;
      found.push(id ?? undefined);
    }
  }
  return found;
}

/**
 * How many keys past the book's `next` are looked at, once a session for each secret, for
 * loans made with the same secret elsewhere — by `loanctl`, in another browser, or here
 * before the browser's data was lost (the words restore the account or the lending secret, not the book): the
 * look-up stops at this many unused keys in a row, a bundle of 100's worth of lapsed tokens.
 */
const SCAN_PAST = 100;

/**
 * The look-ups past `next` made this session, by the pair the keys derive from: one for each
 * secret (a lending secret restored after another was made here is looked up too).
 */
const scannedPast = new WeakMap<KeyringPair, Promise<void>>();

/**
 * The loan each of the lender's per-loan keys lent (undefined for none), from key 0 to the
 * book's `next` — raised first, once a session for each secret, past every key found lent
 * beyond it (`SCAN_PAST`), so that the app finds the loans of a restored secret and never
 * gives a used key to a token request.
 */
async function keyLoans(api: ApiPromise, address: string): Promise<(number | undefined)[]> {
  const source = lenderKeySource(address);
  if (!source) throw new Error('the account is locked, or has no lending secret unlocked');
  let scan = scannedPast.get(source);
  if (!scan) {
    scan = scanPast(api, address);
    scannedPast.set(source, scan);
    scan.catch(() => scannedPast.delete(source));
  }
  await scan;
  const { next } = lenderBook(address);
  return loansOfKeys(
    api,
    Array.from({ length: next }, (_, n) => perLoanKey(address, n).publicKey),
  );
}

/** Raises the book's `next` past the last key found lent beyond it (see `keyLoans`). */
async function scanPast(api: ApiPromise, address: string) {
  let from = lenderBook(address).next;
  let past = from;
  for (;;) {
    const found = await loansOfKeys(
      api,
      Array.from({ length: SCAN_PAST }, (_, n) => perLoanKey(address, from + n).publicKey),
    );
    const lent = found.flatMap((id, n) => (id === undefined ? [] : [n]));
    if (!lent.length) break;
    past = from + lent[lent.length - 1] + 1;
    from += SCAN_PAST;
  }
  updateBook(address, (book) => {
    book.next = Math.max(book.next, past);
  });
}

/**
 * Blinds the messages of `count` fresh per-loan keys to `registrar`'s key of `epoch`: the
 * keys numbered from the book's `next` on, skipping any that already lent (another client
 * of the same account used them). Returns the `request_lender_tokens` call's `blinded` and
 * the request to keep, without its number and block (known once it is included).
 */
export async function blindBundle(
  address: string,
  registrar: string,
  epoch: number,
  count: number,
): Promise<{ blinded: Uint8Array[]; pending: Omit<TokenRequest, 'request' | 'block'> }> {
  const api = await connect();
  const modulus = await modulusOf(api, registrar, epoch);
  if (!modulus) throw new Error(`the registrar has no token key of epoch ${epoch}`);
  const key = await tokenKey(modulus);
  const keys: number[] = [];
  for (let index = lenderBook(address).next; keys.length < count;) {
    const candidates = Array.from({ length: count - keys.length }, (_, n) => index + n);
    const used = await loansOfKeys(
      api,
      candidates.map((n) => perLoanKey(address, n).publicKey),
    );
    keys.push(...candidates.filter((_, n) => used[n] === undefined));
    index += candidates.length;
  }
  // The keys are given to this request now: a second request made before this one is in
  // a block takes the keys after them.
  updateBook(address, (book) => {
    book.next = Math.max(book.next, ...keys.map((n) => n + 1));
  });
  const genesis = api.genesisHash.toU8a();
  const blindings = [];
  for (const index of keys) {
    blindings.push(
      await blindMessage(key, tokenMessage(genesis, epoch, perLoanKey(address, index).publicKey)),
    );
  }
  return {
    blinded: blindings.map((b) => b.blinded),
    pending: {
      registrar,
      epoch,
      keys,
      blinded: blindings.map((b) => ({ inv: u8aToHex(b.inv), randomizer: u8aToHex(b.randomizer) })),
    },
  };
}

/** Keeps a request the chain numbered (its `LenderTokensRequested` event). */
export function keepRequest(
  address: string,
  pending: Omit<TokenRequest, 'request' | 'block'>,
  events: EventRecord[],
  block: number,
) {
  const requested = events.find(
    ({ event }) => event.section === 'creditIdentity' && event.method === 'LenderTokensRequested',
  );
  if (!requested) throw new Error('the chain numbered no request');
  const request = Number(
    (requested.event.data as unknown as { request: { toString(): string } }).request.toString(),
  );
  updateBook(address, (book) => book.requests.push({ ...pending, request, block }));
}

/**
 * What became of a request: `waiting` for its registrar, `collected`, `lapsed` (not
 * answered: its price can be taken back), or `expired` (answered, but its key's tokens are
 * no longer good).
 */
export type RequestOutcome = 'waiting' | 'collected' | 'lapsed' | 'expired';

/**
 * Looks for the registrar's answer to `request` and, once it came, finalizes and keeps its
 * tokens (every one checked under the registrar's key). A request still in `TokenRequests`
 * waits; one no longer there was answered or taken back: its answer is looked for in the
 * events of the blocks after it, up to the last one its key's epoch allowed.
 */
export async function collect(address: string, pending: TokenRequest): Promise<RequestOutcome> {
  const api = await connect();
  if (!(await api.query.creditIdentity.tokenRequests(pending.request)).isEmpty) return 'waiting';
  const { perDay } = await tokenEpoch(api);
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const last = Math.min(best, (pending.epoch + 1) * perDay - 1);
  let signatures: Uint8Array[] | undefined;
  for (let n = pending.block + 1; n <= last && !signatures; n++) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    for (const { event } of (await at.query.system.events()) as unknown as Vec<EventRecord>) {
      if (event.section !== 'creditIdentity' || event.method !== 'LenderTokensIssued') continue;
      // An event's fields by name (its `toJSON()` is a list, in the fields' order).
      const data = event.data as unknown as {
        request: { toString(): string };
        blindSignatures: Codec[];
      };
      if (Number(data.request.toString()) === pending.request)
        signatures = data.blindSignatures.map((s) => s.toU8a());
    }
  }
  const modulus = signatures && (await modulusOf(api, pending.registrar, pending.epoch));
  const tokens: Token[] = [];
  if (signatures && modulus) {
    const key = await tokenKey(modulus);
    const genesis = api.genesisHash.toU8a();
    for (const [n, index] of pending.keys.entries()) {
      const message = tokenMessage(genesis, pending.epoch, perLoanKey(address, index).publicKey);
      const blinded = {
        inv: hexToU8a(pending.blinded[n].inv),
        randomizer: hexToU8a(pending.blinded[n].randomizer),
      };
      const signature = await finalizeToken(key, message, blinded, signatures[n]);
      tokens.push({
        index,
        issuer: pending.registrar,
        epoch: pending.epoch,
        randomizer: pending.blinded[n].randomizer,
        signature: u8aToHex(signature),
      });
    }
  }
  updateBook(address, (book) => {
    book.requests = book.requests.filter((r) => r.request !== pending.request);
    book.tokens.push(...tokens);
  });
  if (!signatures) return 'lapsed';
  return modulus ? 'collected' : 'expired';
}

/**
 * The tokens still good for a loan now (of this epoch or the one before) whose keys lent
 * nothing yet and that no consent request waits on, soonest to lapse first; the book
 * forgets those that lapsed or were spent.
 */
export async function usableTokens(address: string): Promise<Token[]> {
  const api = await connect();
  const { epoch } = await tokenEpoch(api);
  const good = lenderBook(address).tokens.filter((token) => token.epoch + 1 >= epoch);
  const used = await loansOfKeys(
    api,
    good.map((token) => perLoanKey(address, token.index).publicKey),
  );
  const keep = new Set(good.filter((_, n) => used[n] === undefined).map((token) => token.index));
  let usable: Token[] = [];
  updateBook(address, (book) => {
    // Collected meanwhile, or checked now and unused: kept; lapsed or spent: forgotten.
    book.tokens = book.tokens.filter(
      (token) =>
        token.epoch + 1 >= epoch &&
        (keep.has(token.index) || !good.some((g) => g.index === token.index)),
    );
    const offered = new Set(book.offers.map((offer) => offer.index));
    usable = book.tokens.filter((token) => keep.has(token.index) && !offered.has(token.index));
  });
  return usable.sort((a, b) => a.epoch - b.epoch || a.index - b.index);
}

const detailsOf = (details: PrivateConsentRequest['details']): SealedDetails => ({
  nonce: hexToU8a(details.nonce),
  ciphertext: hexToU8a(details.ciphertext),
  keyCommitment: hexToU8a(details.keyCommitment),
  lenderEnvelope: hexToU8a(details.lenderEnvelope),
  borrowerEnvelope: hexToU8a(details.borrowerEnvelope),
});

/**
 * The `lender` statement the details carry (`loanctl lender-of`): the account that holds
 * the lender's identity signs, as a wallet signs a message, that per-loan key `index` lends
 * to `borrowerId` for `lenderId` on this chain.
 */
export async function lenderStatement(
  address: string,
  index: number,
  lenderId: Uint8Array,
  borrowerId: Uint8Array,
  scheme: 'Sr25519' | 'Ed25519' | 'Ecdsa',
): Promise<LenderStatement> {
  const api = await connect();
  const key = perLoanKey(address, index).publicKey;
  const hash = lenderOfHash(api.genesisHash.toU8a(), key, borrowerId, lenderId);
  const signature = await signMessage(address, hash);
  return {
    id: u8aToHex(lenderId),
    account: address,
    key: u8aToHex(key),
    signature: { [scheme]: u8aToHex(signature) },
  };
}

/**
 * A loan as `record_private` takes it — `{ borrower, details, consent, lender }` — from an
 * offer, its borrower's consent and its key's token: the key signs the private consent hash.
 */
export async function privateRecord(
  address: string,
  offer: Offer,
  consent: SignedConsent,
  token: Token,
) {
  const api = await connect();
  const pair = perLoanKey(address, offer.index);
  const hash = privateConsentHash(
    api.genesisHash.toU8a(),
    pair.publicKey,
    hexToU8a(offer.request.borrowerId),
    detailsOf(offer.request.details),
    offer.request.deadline,
  );
  return {
    borrower: offer.borrower,
    details: offer.request.details,
    consent,
    lender: {
      token: {
        issuer: token.issuer,
        epoch: token.epoch,
        randomizer: token.randomizer,
        signature: token.signature,
      },
      key: u8aToHex(pair.publicKey),
      signature: u8aToHex(pair.sign(hash)),
    },
  };
}

/** The `record_private` call of one loan (`privateRecord`'s). */
export async function recordPrivateCall(...args: Parameters<typeof privateRecord>) {
  const api = await connect();
  const { borrower, details, consent, lender } = await privateRecord(...args);
  return api.tx.loans.recordPrivate(borrower, details, consent, lender);
}

/**
 * One `record_private_batch` call of many loans: all recorded in one transaction, or none.
 * Observers may guess that a batch's loans share a lender (never who).
 */
export async function recordPrivateBatchCall(
  address: string,
  loans: [Offer, SignedConsent, Token][],
) {
  const api = await connect();
  const records = [];
  for (const [offer, consent, token] of loans)
    records.push(await privateRecord(address, offer, consent, token));
  return api.tx.loans.recordPrivateBatch(records);
}

/** A loan of one of the lender's per-loan keys, and that key's number. */
export interface PrivateLoan {
  index: number;
  loan: LoanRecord;
  /** The loan's count of acts so far: the next act's `act_index`. */
  acts: number;
}

/**
 * The lender's loans: those of the per-loan keys it gave to token requests, newest first —
 * the `count` newest read from the chain, and whether there are more. The keys' look-up
 * takes one query for 256 keys; a lender with thousands of loans reads only the records it
 * shows.
 */
export async function privateLoans(
  address: string,
  count: number,
): Promise<{ loans: PrivateLoan[]; more: boolean }> {
  const api = await connect();
  const { shown, more } = newestLent(await keyLoans(api, address), count);
  const records = new Map((await loans(shown.map(({ id }) => id))).map((l) => [l.loanId, l]));
  return {
    loans: shown.flatMap(({ id, index }) => {
      const loan = records.get(id);
      return loan ? [{ index, loan, acts: loan.lenderActs ?? 0 }] : [];
    }),
    more,
  };
}

/**
 * Of the loans the per-loan keys lent (`ids[n]`: key n's loan, if any), the `count` newest,
 * each with its key's number, and whether older ones are left.
 */
export function newestLent(
  ids: (number | undefined)[],
  count: number,
): { shown: { id: number; index: number }[]; more: boolean } {
  const lent = ids
    .flatMap((id, index) => (id === undefined ? [] : [{ id, index }]))
    .sort((a, b) => b.id - a.id);
  return { shown: lent.slice(0, count), more: lent.length > count };
}

/** A private loan's content key and terms, opened. */
interface Opened {
  key: Uint8Array;
  terms: LoanTerms;
}

/**
 * The loans' terms opened so far, by the X25519 secret that opened them: they never change,
 * and they go with the secret when the account is locked.
 */
const openedWith = new WeakMap<Uint8Array, Map<number, Opened>>();

/** Loans seen concluded: a conclusion is final, so their records need not be read again. */
const concludedLoans = new Set<number>();

/**
 * What waits for a private lender — the maturity prompt, which the chain cannot give without
 * showing the period: of the loans of its per-loan keys, those not concluded whose day has
 * come (from the sealed terms and the confirmed extensions, opened with `secret`, the
 * account's X25519 key); and the ids of all its loans, for the open requests to read them.
 * Nothing while the keys are locked.
 */
export async function privateLenderNotices(
  address: string,
  secret: Uint8Array,
  today = new Date(),
): Promise<{ due: number; loanIds: number[] }> {
  if (!canDeriveLenderKeys(address)) return { due: 0, loanIds: [] };
  const api = await connect();
  const ids = (await keyLoans(api, address)).filter((id): id is number => id !== undefined);
  const open = [];
  for (const loan of await loans(ids.filter((id) => !concludedLoans.has(id)))) {
    if (loan.state === 'Concluded') concludedLoans.add(loan.loanId);
    else open.push(loan);
  }
  let known = openedWith.get(secret);
  if (!known) openedWith.set(secret, (known = new Map()));
  const readable = new Map<number, Opened>();
  for (const loan of open) {
    let opened = known.get(loan.loanId);
    if (!opened) {
      try {
        const key = contentKeyOf(loan, secret);
        opened = { key, terms: openTerms(loan.details, key, loan.borrowerId) };
        known.set(loan.loanId, opened);
      } catch {
        // Not sealed for this key (another device's): its card says so.
        continue;
      }
    }
    readable.set(loan.loanId, opened);
  }
  const openIds = [...readable.keys()];
  const offers = await openedOffersOf(openIds, (id) => readable.get(id)!.key);
  const due = openIds.filter((id, n) => {
    const date = maturesOn(readable.get(id)!.terms, offers[n]);
    return date !== undefined && isDue(date, false, today);
  }).length;
  return { due, loanIds: ids };
}

/**
 * The `act_as_lender` call of `act` on `loan`, signed by its per-loan key, numbered after
 * the acts the chain holds now (another tab or device may have acted since `loan` was read).
 */
export async function lenderActCall(address: string, loan: PrivateLoan, act: object) {
  const api = await connect();
  const [now] = await loans([loan.loan.loanId]);
  const acts = now?.lenderActs ?? loan.acts;
  const actType = api.tx.loans.actAsLender.meta.args.find((a) => a.name.toString() === 'act')!.type;
  const hash = blake2AsU8a(
    u8aConcat(
      api.createType('Text', 'loanchain/lender-act/v1').toU8a(),
      api.genesisHash.toU8a(),
      api.createType('u64', loan.loan.loanId).toU8a(),
      api.createType('u32', acts).toU8a(),
      api.createType(actType.toString(), act).toU8a(),
    ),
    256,
  );
  const signature = perLoanKey(address, loan.index).sign(hash);
  return api.tx.loans.actAsLender(loan.loan.loanId, acts, act, u8aToHex(signature));
}

/** The failure of a lender's act that was included (`LenderActFailed`), in words, if any. */
export function actFailure(api: ApiPromise, events: EventRecord[]): string | undefined {
  for (const { event } of events) {
    if (api.events.loans.LenderActFailed.is(event))
      return describeDispatchError(api, event.data[2] as DispatchError);
  }
  return undefined;
}
