// What the pages read from the chain, as plain values: identities, loans, access requests.
// Everything comes from the chain's metadata (storage and the `LoansApi` runtime API), so
// no type is defined here that the chain does not describe itself.
import type { Codec } from '@polkadot/types/types';
import { hexToU8a } from '@polkadot/util';
import { connect } from './chain';
import type { SealedDetails } from './crypto/sealing';
import { hex } from './format';
import { onLeave } from './components/lifecycle';

export type Status = 'Pending' | 'Verified' | 'Rejected';

export interface IdentityRecord {
  kind: 'Person' | 'Enterprise';
  idHash: Uint8Array;
  status: Status;
  encryptionKey: Uint8Array;
}

export type Disclosure =
  | { level: 'encrypted' }
  | { level: 'paid'; price: bigint }
  | { level: 'public'; contentKey: Uint8Array };

export type State = 'Proposed' | 'Active' | 'AwaitingFeedback' | 'ExtensionProposed' | 'Concluded';

export interface LoanRecord {
  loanId: number;
  /** The accounts that hold the parties' identities now (from the runtime API only). */
  lender?: string;
  borrower?: string;
  /** The lender's id_hash; none for a private lender, whose per-loan key is `lenderKey`. */
  lenderId?: Uint8Array;
  lenderKey?: Uint8Array;
  /** A private lender's count of acts on the loan so far (from storage only). */
  lenderActs?: number;
  borrowerId: Uint8Array;
  proposer: 'Lender' | 'Borrower';
  periodDays: number;
  details: SealedDetails;
  state: State;
  expiresAt?: number;
  extraDays?: number;
  activatedAt?: number;
  maturity?: number;
  extensions: { extraDays: number; newMaturity: number }[];
  outcome?: { nonce: Uint8Array; ciphertext: Uint8Array };
  concludedAt?: number;
  disclosure: Disclosure;
}

export interface AccessEntry {
  index: number;
  viewer: string;
  requestedAt: number;
  held: bigint;
  status: 'Open' | 'Granted' | 'Declined' | 'Reclaimed' | 'Published';
  closedAt?: number;
}

type Json = Record<string, unknown>;
const bytes = (value: unknown) => hexToU8a(value as string);
const big = (value: unknown) => BigInt(value as string | number);
/** An enum's variant and its fields, from `toJSON()` (`"Active"` or `{ proposed: {…} }`). */
function variant(value: unknown): [string, Json] {
  if (typeof value === 'string') return [value, {}];
  const [name, fields] = Object.entries(value as Json)[0];
  return [name[0].toUpperCase() + name.slice(1), (fields ?? {}) as Json];
}

export async function identityOf(address: string): Promise<IdentityRecord | undefined> {
  const api = await connect();
  const record = (await api.query.creditIdentity.identities(address)) as Codec;
  const json = record.toJSON() as Json | null;
  if (!json) return undefined;
  return {
    kind: variant(json.kind)[0] as IdentityRecord['kind'],
    idHash: bytes(json.idHash),
    status: variant(json.status)[0] as Status,
    encryptionKey: bytes(json.encryptionKey),
  };
}

/** The account that holds identity `idHash` now. */
export async function ownerOf(idHash: Uint8Array): Promise<string | undefined> {
  const api = await connect();
  const owner = (await api.query.creditIdentity.owners(idHash)).toJSON();
  return (owner as string | null) ?? undefined;
}

export async function isRegistrar(address: string): Promise<boolean> {
  const api = await connect();
  const registrars = (await api.query.creditIdentity.registrars()).toJSON() as string[];
  return registrars.includes(address);
}

/** Claims waiting for a registrar, oldest storage order first, at most `limit`. */
export async function pendingClaims(
  limit = 200,
): Promise<(IdentityRecord & { account: string })[]> {
  const api = await connect();
  const entries = await api.query.creditIdentity.identities.entriesPaged({
    args: [],
    pageSize: limit,
  });
  const claims = [];
  for (const [key, value] of entries) {
    const json = (value as Codec).toJSON() as Json | null;
    if (!json || variant(json.status)[0] !== 'Pending') continue;
    claims.push({
      account: key.args[0].toString(),
      kind: variant(json.kind)[0] as IdentityRecord['kind'],
      idHash: bytes(json.idHash),
      status: 'Pending' as const,
      encryptionKey: bytes(json.encryptionKey),
    });
  }
  return claims;
}

function disclosureOf(value: unknown): Disclosure {
  const [name, fields] = variant(value);
  if (name === 'Paid') return { level: 'paid', price: big(fields.price) };
  if (name === 'Public') return { level: 'public', contentKey: bytes(fields.contentKey) };
  return { level: 'encrypted' };
}

/**
 * A loan from its nested JSON, the shape storage (`loans.loans`) and the runtime API
 * (`LoansApi::loan`) share; the runtime API adds the accounts that hold the parties'
 * identities. Read from storage at block `now`, an active loan past its maturity awaits
 * feedback, as the runtime API shows it (`Loan::into_view`).
 */
function recordFrom(loanId: number, json: Json, now?: number): LoanRecord {
  let [state, stateFields] = variant(json.state);
  const activated = json.activated as Json | null;
  const outcome = json.outcome as Json | null;
  const sealed = json.details as Json;
  const maturity = (json.maturity as number | null) ?? undefined;
  if (state === 'Active' && now !== undefined && maturity !== undefined && maturity <= now)
    [state, stateFields] = ['AwaitingFeedback', {}];
  // The runtime API's view names the lender's id or key; the stored record has the enum
  // `lender: { identity } | { private: { key, … } }`.
  const stored = typeof json.lender === 'object' && json.lender ? (json.lender as Json) : {};
  const lenderId = json.lenderId ?? stored.identity;
  const privateLender = stored.private as Json | undefined;
  const lenderKey = json.lenderKey ?? privateLender?.key;
  return {
    loanId,
    lender: typeof json.lender === 'string' ? json.lender : undefined,
    borrower: (json.borrower as string | undefined) ?? undefined,
    lenderId: lenderId ? bytes(lenderId) : undefined,
    lenderKey: lenderKey ? bytes(lenderKey) : undefined,
    lenderActs: privateLender ? Number(privateLender.acts) : undefined,
    borrowerId: bytes(json.borrowerId),
    proposer: variant(json.proposer)[0] as LoanRecord['proposer'],
    periodDays: json.periodDays as number,
    details: {
      nonce: bytes(sealed.nonce),
      ciphertext: bytes(sealed.ciphertext),
      keyCommitment: bytes(sealed.keyCommitment),
      lenderEnvelope: bytes(sealed.lenderEnvelope),
      borrowerEnvelope: bytes(sealed.borrowerEnvelope),
    },
    state: state as State,
    expiresAt: stateFields.expiresAt as number | undefined,
    extraDays: stateFields.extraDays as number | undefined,
    activatedAt: activated ? (activated.block as number) : undefined,
    maturity,
    extensions: (json.extensions as Json[]).map((e) => ({
      extraDays: e.extraDays as number,
      newMaturity: e.newMaturity as number,
    })),
    outcome: outcome
      ? { nonce: bytes(outcome.nonce), ciphertext: bytes(outcome.ciphertext) }
      : undefined,
    concludedAt: (json.concludedAt as number | null) ?? undefined,
    disclosure: disclosureOf(json.disclosure),
  };
}

/** A loan as the runtime API `LoansApi::loan` shows it: past maturity it awaits feedback. */
export async function loan(loanId: number): Promise<LoanRecord | undefined> {
  const api = await connect();
  const view = (await api.call.loansApi.loan(loanId)).toJSON() as Json | null;
  return view ? recordFrom(loanId, view) : undefined;
}

/** How many loans one storage query reads: a company's thousands come in a few round trips. */
const LOANS_PER_QUERY = 256;

/**
 * Many loans at once, read from storage at the best block (the runtime API answers one loan
 * per call), in the order of `ids`; ids without a loan are left out.
 */
export async function loans(ids: number[]): Promise<LoanRecord[]> {
  const api = await connect();
  const header = await api.rpc.chain.getHeader();
  const at = await api.at(header.hash);
  const now = header.number.toNumber();
  const records: LoanRecord[] = [];
  for (let from = 0; from < ids.length; from += LOANS_PER_QUERY) {
    const chunk = ids.slice(from, from + LOANS_PER_QUERY);
    const stored = await at.query.loans.loans.multi(chunk);
    stored.forEach((value, i) => {
      const json = value.toJSON() as Json | null;
      if (json) records.push(recordFrom(chunk[i], json, now));
    });
  }
  return records;
}

/** Every loan that took effect with `idHash` as a party, newest first. */
export async function loansOf(idHash: Uint8Array): Promise<LoanRecord[]> {
  const [lent, borrowed] = await Promise.all([
    loanIdsOf(idHash, 'lender'),
    loanIdsOf(idHash, 'borrower'),
  ]);
  return loans([...new Set([...lent, ...borrowed])].sort((a, b) => b - a));
}

/** The ids of the loans that took effect with `idHash` as lender or as borrower. */
export async function loanIdsOf(
  idHash: Uint8Array,
  role: 'lender' | 'borrower',
): Promise<number[]> {
  const api = await connect();
  const index = role === 'lender' ? api.query.loans.lenderLoans : api.query.loans.borrowerLoans;
  const keys = await index.keys(idHash);
  // The second key is the loan id, big-endian.
  return keys.map((key) => Number(BigInt(key.args[1].toHex()))).sort((a, b) => b - a);
}

/**
 * Proposals still waiting, in which `idHash` is a party: every loan id from the expiry
 * cursor (below it, none is pending) to the next id, newest first, at most `limit` ids read.
 */
export async function openProposals(idHash: Uint8Array, limit = 500): Promise<LoanRecord[]> {
  const api = await connect();
  const next = Number((await api.query.loans.nextLoanId()).toString());
  const cursor = Number((await api.query.loans.expiryCursor()).toString());
  const ids = [];
  for (let id = next - 1; id >= Math.max(cursor, next - limit); id--) ids.push(id);
  const party = hex(idHash);
  const stored = await api.query.loans.loans.multi(ids);
  const mine = ids.filter((_, i) => {
    const json = stored[i].toJSON() as Json | null;
    return (
      json &&
      variant(json.state)[0] === 'Proposed' &&
      ((json.lender as Json).identity === party || json.borrowerId === party)
    );
  });
  return (await Promise.all(mine.map((id) => loan(id)))).filter((l): l is LoanRecord => !!l);
}

/** How many requests for access each of `loanIds` has open, in one query. */
export async function openRequestCounts(loanIds: number[]): Promise<number[]> {
  if (!loanIds.length) return [];
  const api = await connect();
  const counts = await api.query.loans.openRequestCount.multi(loanIds);
  return counts.map((count) => Number(count.toString()));
}

/** A loan's inquiry log, oldest first (the runtime API pages it; one page is enough here). */
export async function accessLog(loanId: number): Promise<AccessEntry[]> {
  const api = await connect();
  const entries = (await api.call.loansApi.accessRequests(loanId, 0, 100)).toJSON() as [
    number,
    Json,
  ][];
  return entries.map(([index, entry]) => ({
    index,
    viewer: entry.viewer as string,
    requestedAt: entry.requestedAt as number,
    held: big(entry.held),
    status: variant(entry.status)[0] as AccessEntry['status'],
    closedAt: (entry.closedAt as number | null) ?? undefined,
  }));
}

export type InquiryPurpose = 'LoanApplication' | 'LoanManagement' | 'Guarantee';

/** An entry of a borrower's inquiry log: who looked them up with their consent, when, why. */
export interface InquiryEntry {
  index: number;
  inquirerId: Uint8Array;
  at: number;
  purpose: InquiryPurpose;
}

/** The newest `limit` entries of a borrower's inquiry log (`loans.inquiries`), oldest first. */
export async function inquiriesOf(idHash: Uint8Array, limit = 200): Promise<InquiryEntry[]> {
  const api = await connect();
  const count = Number((await api.query.loans.inquiryCount(idHash)).toString());
  const from = Math.max(0, count - limit);
  const indexes = Array.from({ length: count - from }, (_, i) => from + i);
  const entries = await api.query.loans.inquiries.multi(indexes.map((i) => [idHash, i]));
  return entries.map((entry, i) => {
    const json = entry.toJSON() as Json;
    return {
      index: indexes[i],
      inquirerId: bytes(json.inquirerId),
      at: json.at as number,
      purpose: variant(json.purpose)[0] as InquiryPurpose,
    };
  });
}

/** The envelope the lender stored for `viewer`, if granted. */
export async function grantFor(loanId: number, viewer: string): Promise<Uint8Array | undefined> {
  const api = await connect();
  const envelope = (await api.query.loans.accessGrants(loanId, viewer)).toJSON();
  return envelope ? bytes(envelope) : undefined;
}

export async function bestBlock(): Promise<number> {
  const api = await connect();
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

export async function blocksPerDay(): Promise<number> {
  const api = await connect();
  return Number((await api.query.loans.blocksPerDay()).toString());
}

/** The free balance in a `system.account` entry. */
const freeOf = (account: Codec) => big((account.toJSON() as { data: Json }).data.free);

/** The free balance of `address` now. */
export async function freeBalance(address: string): Promise<bigint> {
  const api = await connect();
  return freeOf((await api.query.system.account(address)) as Codec);
}

/** Calls `show` with the free balance of `address` now and at each change, until the page is left. */
export async function watchBalance(address: string, show: (free: bigint) => void) {
  const api = await connect();
  const unsubscribe = (await api.query.system.account(address, (account: Codec) =>
    show(freeOf(account)),
  )) as unknown as () => void;
  onLeave(unsubscribe);
}
