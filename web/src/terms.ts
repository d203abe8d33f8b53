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
import { hex, parseLoan } from './format';
import type { Key } from './i18n';
import type { LenderStatement } from './lender-of';
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
  /** A private lender's statement of who lent (`loanctl lender-of`). */
  lender?: LenderStatement;
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

/**
 * The sealed details as a call's argument, in hex: @polkadot/api would take a bare
 * Uint8Array for the `Bytes` ciphertext as already SCALE-encoded (length first).
 */
export const detailsArgument = (details: SealedDetails) =>
  Object.fromEntries(Object.entries(details).map(([name, bytes]) => [name, hex(bytes)])) as Record<
    keyof SealedDetails,
    string
  >;

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
  lenderId: publicLender(loan),
  borrowerId: loan.borrowerId,
  proposerRole: loan.proposer === 'Lender' ? 0 : 1,
  periodDays: loan.periodDays,
  details: loan.details,
});

export const acceptanceHash = (genesisHash: Uint8Array, loan: LoanRecord) =>
  proposalHash(genesisHash, loan.loanId, signedTerms(loan));

/** Why a form's input was refused: a key of the app's words and its values. */
export class InputError extends Error {
  constructor(
    readonly key: Key,
    readonly values: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** The terms as typed in the propose form. */
export interface TermsInput {
  amount: string;
  currency: string;
  rate: string;
  start: string;
  periodDays: string;
  purpose?: string;
  note?: string;
}

/** The largest amount the app accepts: larger is taken for a typo. */
export const MAX_AMOUNT = 1_000_000_000_000;

/** Whole days from 1 to `max`, or the error `key`. */
export function wholeDays(text: string, max: number, key: Key): number {
  const days = /^\s*\d{1,6}\s*$/.test(text) ? Number(text) : NaN;
  if (!(days >= 1 && days <= max)) throw new InputError(key, { max });
  return days;
}

/**
 * The terms of `input`, checked before anything is sealed or signed: the amount a decimal
 * number above zero with at most two decimals and at most `MAX_AMOUNT`; the currency three
 * letters; the rate a yearly fraction from 0 (interest-free) to 1 (100 %) with at most six
 * decimals; the payout date a date; the period whole days from 1 to `maxPeriodDays` (the
 * chain's `MaxPeriodDays`). Throws an `InputError` naming the first field that is wrong.
 */
export function validTerms(input: TermsInput, maxPeriodDays: number): LoanTerms {
  const amount = input.amount.trim();
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(amount) || !(Number(amount) > 0))
    throw new InputError('termsAmountInvalid');
  if (Number(amount) > MAX_AMOUNT)
    throw new InputError('termsAmountTooLarge', { max: MAX_AMOUNT.toLocaleString('en') });
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new InputError('termsCurrencyInvalid');
  const rate = input.rate.trim();
  if (!/^\d(\.\d{1,6})?$/.test(rate) || Number(rate) > 1) throw new InputError('termsRateInvalid');
  const start = input.start.trim();
  const day = new Date(`${start}T00:00:00Z`);
  // A real day of the calendar: 2026-02-31 does not round-trip.
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== start)
    throw new InputError('termsStartInvalid');
  const period_days = wholeDays(input.periodDays, maxPeriodDays, 'termsPeriodInvalid');
  const purpose = input.purpose?.trim();
  const note = input.note?.trim();
  return {
    amount,
    currency,
    rate,
    start,
    period_days,
    ...(purpose ? { purpose } : {}),
    ...(note ? { note } : {}),
  };
}

/** A price of paid access as typed, in plancks: an amount of LOAN above zero. */
export function validPrice(text: string): bigint {
  let price: bigint;
  try {
    price = parseLoan(text);
  } catch {
    throw new InputError('priceInvalid');
  }
  if (price <= 0n) throw new InputError('priceInvalid');
  return price;
}

/** Decimal text with `places` decimals as an integer of that many places ("12.5", 2 → 1250n). */
const scaled = (text: string, places: number) => {
  const [whole, fraction = ''] = text.split('.');
  return (
    BigInt(whole) * 10n ** BigInt(places) +
    BigInt(fraction.padEnd(places, '0').slice(0, places) || '0')
  );
};
/** An integer of 2 places as text ("805918" → "8059.18"). */
const cents = (value: bigint) => `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`;

/**
 * What the borrower owes at maturity by the terms: the principal and simple interest at the
 * yearly `rate` for `days` days of a 365-day year, rounded half up to the cent. (The terms
 * say nothing else about interest; the parties may have agreed otherwise in their note.)
 */
export function amountDue(terms: LoanTerms, days = terms.period_days) {
  const principal = scaled(terms.amount, 2);
  const rate = scaled(terms.rate, 6);
  const divisor = 1_000_000n * 365n;
  const interest = (principal * rate * BigInt(days) + divisor / 2n) / divisor;
  return {
    principal: cents(principal),
    interest: cents(interest),
    total: cents(principal + interest),
  };
}

/** The lender's id of a loan with a public lender: only those are proposed or co-signed. */
function publicLender(loan: LoanRecord): Uint8Array {
  if (!loan.lenderId)
    throw new Error(`loan ${loan.loanId} has a private lender: nothing to co-sign`);
  return loan.lenderId;
}
