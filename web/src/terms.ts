// A loan's terms: the details JSON of docs/privacy.md, sealed and opened in the browser.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  openDetails,
  openEnvelope,
  openOutcome,
  proposalHash,
  type SealedDetails,
  type Terms,
} from './crypto/sealing';
import type { LoanRecord } from './records';

/** The details plaintext (docs/privacy.md, "Details plaintext"). */
export interface LoanTerms {
  amount: string;
  currency: string;
  rate: string;
  start: string;
  period_days: number;
  purpose?: string;
  note?: string;
}

export const termsBytes = (terms: LoanTerms) => utf8ToBytes(JSON.stringify(terms));

/** The loan's content key, from the envelope of the party (or viewer) holding `secret`. */
export function contentKeyOf(
  loan: LoanRecord,
  secret: Uint8Array,
  envelope: Uint8Array = loan.details.lenderEnvelope,
): Uint8Array {
  return openEnvelope(envelope, secret);
}

/** The party's own envelope: the lender's or the borrower's. */
export const envelopeOf = (loan: LoanRecord, role: 'lender' | 'borrower') =>
  role === 'lender' ? loan.details.lenderEnvelope : loan.details.borrowerEnvelope;

export function openTerms(details: SealedDetails, contentKey: Uint8Array, borrowerId: Uint8Array) {
  const plaintext = openDetails(contentKey, details.nonce, details.ciphertext, borrowerId);
  return JSON.parse(new TextDecoder().decode(plaintext)) as LoanTerms;
}

/** 'PerformedNormally' or 'Breached', once concluded. */
export function openLoanOutcome(loan: LoanRecord, contentKey: Uint8Array) {
  if (!loan.outcome) return undefined;
  const byte = openOutcome(contentKey, loan.outcome.nonce, loan.outcome.ciphertext, loan.loanId);
  return byte === 0 ? ('PerformedNormally' as const) : ('Breached' as const);
}

/** What both parties signed, as `proposalHash` and `consentHash` take it. */
export const signedTerms = (loan: LoanRecord): Terms => ({
  lenderId: loan.lenderId,
  borrowerId: loan.borrowerId,
  proposerRole: loan.proposer === 'Lender' ? 0 : 1,
  periodDays: loan.periodDays,
  details: loan.details,
});

export const acceptanceHash = (genesisHash: Uint8Array, loan: LoanRecord) =>
  proposalHash(genesisHash, loan.loanId, signedTerms(loan));
