// The connection to a Loanchain node: @polkadot/api with the loans_* JSON-RPC methods
// described (js/loanchain-rpc.mjs), so that no warning is printed and `api.rpc.loans` works.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { rpc } from '../../js/loanchain-rpc.mjs';

/** The node: `?node=ws://…` in the page's address, or port 9944 of the page's host. */
export function nodeUrl(): string {
  const given = new URLSearchParams(location.search).get('node');
  return given ?? `ws://${location.hostname || '127.0.0.1'}:9944`;
}

/**
 * How the connection stands: `connecting` at first, `connected`, `reconnecting` after it
 * dropped (the provider tries again every `RETRY_MS`), `unreachable` when no connection was
 * made for `UNREACHABLE_MS`.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'unreachable';

const RETRY_MS = 2_000;
const UNREACHABLE_MS = 10_000;
/** How long a page waits for the node's answer before it says so and offers to retry. */
export const ANSWER_TIMEOUT_MS = 20_000;

let state: ConnectionState = 'connecting';
const listeners = new Set<(state: ConnectionState) => void>();
let unreachableTimer: ReturnType<typeof setTimeout> | undefined;

function setState(next: ConnectionState) {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener(state);
}

/** Calls `listener` with the connection's state now and whenever it changes. */
export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

/** Waits for `promise`, or fails with the app's words after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms = ANSWER_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms / 1000} s`);
  }
}

let connection: Promise<ApiPromise> | undefined;
let provider: WsProvider | undefined;

/** After `UNREACHABLE_MS` without a connection, the node is said to be unreachable. */
function watchUnreachable() {
  unreachableTimer ??= setTimeout(() => {
    unreachableTimer = undefined;
    if (state !== 'connected') setState('unreachable');
  }, UNREACHABLE_MS);
}

/** The API, connected to `nodeUrl()` (waits for the node; it reconnects by itself). */
export function connect(): Promise<ApiPromise> {
  if (!connection) {
    provider = new WsProvider(nodeUrl(), RETRY_MS);
    provider.on('connected', () => {
      clearTimeout(unreachableTimer);
      unreachableTimer = undefined;
      setState('connected');
    });
    provider.on('disconnected', () => {
      if (state === 'connected') setState('reconnecting');
      watchUnreachable();
    });
    // A failed attempt: the provider says so with an error event, and tries again.
    provider.on('error', () => undefined);
    watchUnreachable();
    connection = ApiPromise.create({ provider, rpc, noInitWarn: true });
  }
  return connection;
}

/**
 * A JSON-RPC call as the node takes it, its answer undecoded: for what @polkadot/api 16.5
 * cannot encode or decode (a general transaction, extrinsic v5: ./general-tx).
 */
export async function rawRpc<T>(method: string, params: unknown[]): Promise<T> {
  await connect();
  return (await provider!.send(method, params)) as T;
}

/** A line of a borrower's public summary (loans_borrowerSummary). */
export interface SummaryLine {
  loanId: number;
  time: string;
  event: 'borrowed';
  disclosure: 'encrypted' | 'paid' | 'public';
  price?: string;
}

/** The methods js/loanchain-rpc.mjs adds to `api.rpc` (@polkadot/api has no types for them). */
interface LoansRpc {
  borrowerSummary(idHash: Uint8Array): Promise<{ toJSON(): unknown }>;
  loan(loanId: number): Promise<{ toJSON(): unknown }>;
}

const loansRpc = async () => (await connect()).rpc as unknown as { loans: LoansRpc };

/** A loan as loans_loan returns it: what the pages read of it. */
export interface PublishedLoan {
  /** The terms in plaintext once published; null while sealed. */
  details: unknown;
  outcome: 'performedNormally' | 'breached' | null;
  borrowerId: string;
  /** A private lender's per-loan key; null for a public lender. */
  lenderKey: string | null;
  activatedAt: { block: number } | null;
  state: string;
  /** A private lender's extension offers, their days opened once published. */
  sealedExtensions?: { extraDays: number | null; confirmedAt: number | null }[];
}

/** A loan's public fields, and its terms and outcome in plaintext once published (loans_loan). */
export async function publishedLoan(loanId: number): Promise<PublishedLoan | null> {
  const { loans } = await loansRpc();
  return (await loans.loan(loanId)).toJSON() as PublishedLoan | null;
}

export async function borrowerSummary(idHash: Uint8Array): Promise<SummaryLine[]> {
  const { loans } = await loansRpc();
  return (await loans.borrowerSummary(idHash)).toJSON() as SummaryLine[];
}
