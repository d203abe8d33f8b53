// The `loans_*` JSON-RPC methods of loanchain-node, described for @polkadot/api, so that
// `api.rpc.loans.borrowerSummary(...)`, `api.rpc.loans.loan(...)` and
// `api.rpc.loans.accessGrant(...)` exist and the API
// connects without "RPC methods not decorated". Everything else @polkadot/api reads from the
// chain's metadata (calls, storage, events, errors, and the `LoansApi` runtime API as
// `api.call.loansApi.*`); these methods are the node's own, which metadata does not
// describe.
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { rpc } from './loanchain-rpc.mjs';
//   const api = await ApiPromise.create({ provider: new WsProvider(url), rpc });
//
// They answer JSON (docs/api.md, "Looking a borrower up"), returned as codecs of `Json`
// (a list of them, or an optional one): `.toJSON()` gives the node's answer as it is.

export const rpc = {
  loans: {
    borrowerSummary: {
      description:
        'A borrower\'s public summary: when each loan took effect, the word "borrowed", and how its details can be had; at most 1 000 lines from loan id `from` on.',
      params: [
        { name: 'idHash', type: 'H256' },
        { name: 'at', type: 'BlockHash', isOptional: true },
        { name: 'from', type: 'u64', isOptional: true },
        { name: 'limit', type: 'u32', isOptional: true },
      ],
      type: 'Vec<Json>',
    },
    loan: {
      description:
        "A loan's public fields and sealed bytes, with its details and outcome in plaintext once the lender published the key; null for an unknown loan.",
      params: [
        { name: 'loanId', type: 'u64' },
        { name: 'at', type: 'BlockHash', isOptional: true },
      ],
      type: 'Option<Json>',
    },
    accessGrant: {
      description:
        "The envelope the loan's lender granted to the account `viewer` (its public key): the content key sealed to the viewer's registered key; null when none was granted.",
      params: [
        { name: 'loanId', type: 'u64' },
        { name: 'viewer', type: 'AccountId32' },
        { name: 'at', type: 'BlockHash', isOptional: true },
      ],
      type: 'Option<Json>',
    },
  },
};
