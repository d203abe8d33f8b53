// Amounts as typed and shown, and a loan's terms sealed for both parties and opened by each:
// what the Loans and Access pages do with the sealing of src/crypto/sealing.ts.
import { describe, expect, it } from 'vitest';
import { formatLoan, parseLoan } from '../src/format';
import {
  BREACHED,
  makeEnvelope,
  publicKey,
  sealOutcome,
  sealTerms,
  type SealedDetails,
} from '../src/crypto/sealing';
import { x25519 } from '@noble/curves/ed25519.js';
import type { LoanRecord } from '../src/records';
import {
  InputError,
  contentKeyOf,
  envelopeOf,
  openLoanOutcome,
  openTerms,
  termsBytes,
  validPrice,
  validTerms,
  wholeDays,
  type LoanTerms,
  type TermsInput,
} from '../src/terms';

describe('amounts of LOAN', () => {
  it('are read as typed and shown with the decimals they need', () => {
    expect(parseLoan('2')).toBe(2_000_000_000_000n);
    expect(parseLoan(' 0.25 ')).toBe(250_000_000_000n);
    expect(parseLoan('1.000000000001')).toBe(1_000_000_000_001n);
    expect(formatLoan(2_000_000_000_000n)).toBe('2');
    expect(formatLoan(250_000_000_000n)).toBe('0.25');
    expect(formatLoan(parseLoan('12345.678'))).toBe('12345.678');
  });

  it('refuse what is not an amount', () => {
    for (const text of ['', '-1', '1,5', '0.0000000000001', '1e3', 'two']) {
      expect(() => parseLoan(text)).toThrow(/not an amount/);
    }
  });
});

describe("a loan's terms", () => {
  const terms: LoanTerms = {
    amount: '8000.00',
    currency: 'CNY',
    rate: '0.09',
    start: '2026-11-22',
    period_days: 30,
    purpose: 'tuition',
  };
  const borrowerId = new Uint8Array(32).fill(7);
  const lenderSecret = x25519.utils.randomSecretKey();
  const borrowerSecret = x25519.utils.randomSecretKey();
  const viewerSecret = x25519.utils.randomSecretKey();
  const { details, contentKey } = sealTerms(
    termsBytes(terms),
    borrowerId,
    publicKey(lenderSecret),
    publicKey(borrowerSecret),
  );
  const loan = (extra: Partial<LoanRecord> = {}) =>
    ({ loanId: 5, borrowerId, details, ...extra }) as LoanRecord;

  it('open for the lender and the borrower, each with their own envelope and key', () => {
    for (const [role, secret] of [
      ['lender', lenderSecret],
      ['borrower', borrowerSecret],
    ] as const) {
      const key = contentKeyOf(loan(), secret, envelopeOf(loan(), role));
      expect(key).toEqual(contentKey);
      expect(openTerms(details, key, borrowerId)).toEqual(terms);
    }
  });

  it("do not open with the other party's envelope, nor for another borrower", () => {
    expect(() => contentKeyOf(loan(), lenderSecret, details.borrowerEnvelope)).toThrow();
    expect(() => openTerms(details, contentKey, new Uint8Array(32).fill(8))).toThrow();
  });

  it('open for a viewer the lender granted, with the outcome', () => {
    const grant = makeEnvelope(contentKey, publicKey(viewerSecret));
    const nonce = new Uint8Array(12).fill(1);
    const outcome = { nonce, ciphertext: sealOutcome(contentKey, nonce, BREACHED, 5) };
    const key = contentKeyOf(loan(), viewerSecret, grant);
    expect(openTerms(details as SealedDetails, key, borrowerId)).toEqual(terms);
    expect(openLoanOutcome(loan({ outcome }), key)).toBe('Breached');
    expect(openLoanOutcome(loan(), key)).toBeUndefined();
  });
});

describe('terms typed in the propose form', () => {
  const typed: TermsInput = {
    amount: ' 8000.00 ',
    currency: 'cny',
    rate: '0.09',
    start: '2026-11-22',
    periodDays: '30',
    purpose: ' tuition ',
    note: '  ',
  };
  const refusal = (change: Partial<TermsInput>, max = 3650) => {
    try {
      validTerms({ ...typed, ...change }, max);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).key;
    }
    return undefined;
  };

  it('are taken as the details plaintext, trimmed, with the currency in capitals', () => {
    expect(validTerms(typed, 3650)).toEqual({
      amount: '8000.00',
      currency: 'CNY',
      rate: '0.09',
      start: '2026-11-22',
      period_days: 30,
      purpose: 'tuition',
    });
    // Interest-free, a whole amount, the longest period the chain allows.
    expect(validTerms({ ...typed, rate: '0', amount: '5', periodDays: '365' }, 365)).toMatchObject({
      rate: '0',
      amount: '5',
      period_days: 365,
    });
  });

  it('refuse what is not an amount, a rate, a currency, a date or a period, naming it', () => {
    for (const amount of ['abc', 'NaN', '-5000', '0', '0.00', '1e5', '5,000', '12.345', ''])
      expect(refusal({ amount }), amount).toBe('termsAmountInvalid');
    expect(refusal({ amount: '1000000000000.01' })).toBe('termsAmountTooLarge');
    for (const rate of ['NaN', '12', '1200', '-0.1', '1.5', '0.1234567', '12 %', ''])
      expect(refusal({ rate }), rate).toBe('termsRateInvalid');
    for (const currency of ['', 'RMB1', 'C', '元元元'])
      expect(refusal({ currency }), currency).toBe('termsCurrencyInvalid');
    for (const start of ['', '2026-02-31', 'tomorrow'])
      expect(refusal({ start }), start).toBe('termsStartInvalid');
    for (const periodDays of ['0', '-1', '1.5', 'abc', '366'])
      expect(refusal({ periodDays }, 365), periodDays).toBe('termsPeriodInvalid');
  });

  it('and prices of access are amounts of LOAN above zero', () => {
    expect(validPrice('2')).toBe(2_000_000_000_000n);
    for (const price of ['0', '', '-1', 'abc', 'NaN'])
      expect(() => validPrice(price), price).toThrow(InputError);
  });

  it('and days of an extension are whole days within the limit', () => {
    expect(wholeDays('30', 3650, 'extraDaysInvalid')).toBe(30);
    for (const days of ['0', '3651', '2.5', ''])
      expect(() => wholeDays(days, 3650, 'extraDaysInvalid'), days).toThrow(InputError);
  });
});
