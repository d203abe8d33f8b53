// The connection to a Loanchain node: @polkadot/api with the loans_* JSON-RPC methods
// described (js/loanchain-rpc.mjs), so that no warning is printed and `api.rpc.loans` works.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { rpc } from '../../js/loanchain-rpc.mjs';

/** The node: `?node=ws://…` in the page's address, or port 9944 of the page's host. */
export function nodeUrl(): string {
  const given = new URLSearchParams(location.search).get('node');
  return given ?? `ws://${location.hostname || '127.0.0.1'}:9944`;
}

let connection: Promise<ApiPromise> | undefined;

export function connect(): Promise<ApiPromise> {
  connection ??= ApiPromise.create({ provider: new WsProvider(nodeUrl()), rpc, noInitWarn: true });
  return connection;
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

/** A published loan's terms and outcome in plaintext (loans_loan); null while sealed. */
export async function publishedLoan(
  loanId: number,
): Promise<{ details: unknown; outcome: 'performedNormally' | 'breached' | null } | null> {
  const { loans } = await loansRpc();
  return (await loans.loan(loanId)).toJSON() as {
    details: unknown;
    outcome: 'performedNormally' | 'breached' | null;
  } | null;
}

export async function borrowerSummary(idHash: Uint8Array): Promise<SummaryLine[]> {
  const { loans } = await loansRpc();
  return (await loans.borrowerSummary(idHash)).toJSON() as SummaryLine[];
}
