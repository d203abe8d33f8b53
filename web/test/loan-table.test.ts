// A company's loans as rows: filtered, searched, paged and exported, thousands at a time.
import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  csvOf,
  filterRows,
  pageOf,
  rowOf,
  type LoanRow,
} from '../src/components/loan-table';
import type { LoanRecord, State } from '../src/records';
import type { LoanTerms } from '../src/terms';

const company = new Uint8Array(32).fill(0xc0);
const customer = (n: number) => {
  const id = new Uint8Array(32);
  new DataView(id.buffer).setUint32(28, n);
  return id;
};
const clock = { block: 10_000, at: Date.UTC(2026, 11, 4, 12, 0), blockMs: 6_000 };
const STATES: State[] = ['Active', 'AwaitingFeedback', 'ExtensionProposed', 'Concluded'];

/** Loan `n`: the company lends to customer n (every tenth loan, the company borrows). */
function record(n: number): LoanRecord {
  const lending = n % 10 !== 0;
  return {
    loanId: n,
    lenderId: lending ? company : customer(n),
    borrowerId: lending ? customer(n) : company,
    proposer: 'Lender',
    periodDays: 30,
    details: {
      nonce: new Uint8Array(12),
      ciphertext: new Uint8Array(0),
      keyCommitment: new Uint8Array(32),
      lenderEnvelope: new Uint8Array(0),
      borrowerEnvelope: new Uint8Array(0),
    },
    state: STATES[n % 4],
    activatedAt: 1_000 + n,
    maturity: 1_000 + n + 30 * 14_400,
    extensions: [],
    disclosure: { level: 'encrypted' },
  };
}

const termsOf = (loan: LoanRecord): LoanTerms | undefined =>
  loan.loanId % 7 === 0
    ? undefined // a loan whose terms this party cannot open
    : {
        amount: `${1000 + loan.loanId}.00`,
        currency: 'CNY',
        rate: '0.12',
        start: '2026-12-01',
        period_days: 30,
        purpose: loan.loanId === 43 ? 'tractor, "green", 2 seats' : 'working capital',
      };

const rows: LoanRow[] = Array.from({ length: 3_000 }, (_, i) =>
  rowOf(record(i + 1), company, clock, termsOf),
);

describe('a row', () => {
  it("names the other party, the company's role, and the dates of its blocks", () => {
    const lent = rows[0];
    expect(lent.loanId).toBe(1);
    expect(lent.role).toBe('lender');
    expect(lent.otherParty).toBe(`0x${'00'.repeat(28)}00000001`);
    expect(lent.start).toBe(clock.at + (1_001 - 10_000) * 6_000);
    const borrowed = rows[9];
    expect(borrowed.role).toBe('borrower');
    expect(borrowed.otherParty).toBe(`0x${'00'.repeat(28)}0000000a`);
  });

  it('waits for the company when its feedback is due or an extension is offered to it', () => {
    expect(rows.find((r) => r.loanId === 1)!.waiting).toBe(true); // lender, AwaitingFeedback
    expect(rows.find((r) => r.loanId === 2)!.waiting).toBe(false); // lender, ExtensionProposed
    expect(rows.find((r) => r.loanId === 30)!.waiting).toBe(true); // borrower, ExtensionProposed
    expect(rows.find((r) => r.loanId === 20)!.waiting).toBe(false); // borrower, Active
  });
});

describe('the filters', () => {
  const all = { role: 'all', state: 'all', search: '' } as const;

  it('keep every loan, those that wait first, then the newest', () => {
    const shown = filterRows(rows, all);
    expect(shown).toHaveLength(3_000);
    const waiting = shown.filter((r) => r.waiting).length;
    expect(shown.slice(0, waiting).every((r) => r.waiting)).toBe(true);
    expect(shown[waiting].loanId).toBeGreaterThan(shown[waiting + 1].loanId);
  });

  it('by role and state', () => {
    const borrowed = filterRows(rows, { ...all, role: 'borrower' });
    expect(borrowed).toHaveLength(300);
    expect(borrowed.every((r) => r.role === 'borrower')).toBe(true);
    const concluded = filterRows(rows, { ...all, state: 'Concluded' });
    expect(concluded).toHaveLength(750);
    expect(concluded.every((r) => r.state === 'Concluded')).toBe(true);
  });

  it('search the number, the other party and the terms, every word', () => {
    expect(filterRows(rows, { ...all, search: '#2999' }).map((r) => r.loanId)).toEqual([2999]);
    expect(filterRows(rows, { ...all, search: '00000bb8' }).map((r) => r.loanId)).toEqual([3000]);
    expect(filterRows(rows, { ...all, search: 'TRACTOR green' }).map((r) => r.loanId)).toEqual([
      43,
    ]);
    expect(filterRows(rows, { ...all, search: 'tractor 1044' })).toEqual([]);
    // Unreadable terms are not searched: loan 7's amount is not known.
    expect(filterRows(rows, { ...all, search: '1007.00' })).toEqual([]);
  });
});

describe('paging', () => {
  it('shows 25 at a time and says which', () => {
    const first = pageOf(rows, 0, 25);
    expect(first).toMatchObject({ page: 0, pages: 120, from: 1, to: 25 });
    expect(first.rows).toHaveLength(25);
    const last = pageOf(rows, 119, 25);
    expect(last).toMatchObject({ from: 2_976, to: 3_000 });
    expect(last.rows[24]).toBe(rows[2_999]);
  });

  it('clamps a page beyond the ends, and an empty list is one empty page', () => {
    expect(pageOf(rows, 500, 25).page).toBe(119);
    expect(pageOf(rows, -3, 25).page).toBe(0);
    expect(pageOf([], 0, 25)).toMatchObject({ rows: [], page: 0, pages: 1, from: 0, to: 0 });
  });
});

describe('the CSV', () => {
  const csv = csvOf(rows);
  const lines = csv.split('\r\n');

  it('has a header and one line per loan, CRLF-terminated', () => {
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3_002); // the header, 3 000 loans, the empty string after the last CRLF
    expect(lines.at(-1)).toBe('');
    const first = lines[1].split(',');
    expect(first.slice(0, 5)).toEqual([
      '1',
      'lender',
      `0x${'00'.repeat(28)}00000001`,
      'AwaitingFeedback',
      '1001',
    ]);
    expect(first[5]).toBe(new Date(clock.at + (1_001 - 10_000) * 6_000).toISOString());
    expect(first.slice(8, 13)).toEqual(['1001.00', 'CNY', '0.12', '30', 'working capital']);
  });

  it('quotes what needs quoting, leaves unreadable terms empty', () => {
    expect(lines[43]).toContain(',"tractor, ""green"", 2 seats",');
    expect(lines[7].split(',').slice(8)).toEqual(['', '', '', '', '', '']);
  });

  it("does not let a note become a spreadsheet's formula", () => {
    const row = { ...rows[0], terms: { ...rows[0].terms!, note: '=HYPERLINK("x")' } };
    expect(csvOf([row]).split('\r\n')[1]).toMatch(/,"'=HYPERLINK\(""x""\)"$/);
  });
});
