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
  contentKeyOf,
  envelopeOf,
  openLoanOutcome,
  openTerms,
  termsBytes,
  type LoanTerms,
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
