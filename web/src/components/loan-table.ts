// A party's loans as a table that scales to a company's thousands: one row per loan (the
// other party, start, due date, state, amount), filtered by role and state, searched, shown a
// page at a time, and exported as CSV. Rows are plain values (`LoanRow`) built once from the
// records and the terms the party can open; the filtering, paging and CSV are pure functions
// the unit tests run on thousands of rows.
import { h } from '../dom';
import { estimatedTime, type Clock } from '../dates';
import { hex, short } from '../format';
import { currentLanguage, t, type Key } from '../i18n';
import type { LoanRecord, State } from '../records';
import type { LoanTerms } from '../terms';
import { field, input, select } from './common';

export type Role = 'lender' | 'borrower';

/** One loan as a row: what the table shows and the CSV holds. */
export interface LoanRow {
  loanId: number;
  role: Role;
  /** The other party's id (0x + 64 hex digits). */
  otherParty: string;
  state: State;
  /** The block the loan took effect in, and its time (estimated from the chain's clock). */
  startBlock?: number;
  start?: number;
  /** The block it matures at (after any extension), and its time. */
  maturityBlock?: number;
  due?: number;
  /** The terms, when this party can open them. */
  terms?: LoanTerms;
  /** Whether the loan waits for this party: the lender's feedback, the borrower's answer. */
  waiting: boolean;
}

/** The role in `loan` of the party with identity `me`: authority belongs to the identity. */
export const roleOf = (loan: LoanRecord, me: Uint8Array): Role =>
  loan.lenderId && hex(loan.lenderId) === hex(me) ? 'lender' : 'borrower';

/** Who lent, as the chain shows it: the lender's id, or a private lender's per-loan key. */
export const lenderOf = (loan: LoanRecord): string =>
  hex(loan.lenderId ?? loan.lenderKey ?? new Uint8Array(32));

/** The row of `loan` for the party with identity `me`, its terms opened by `terms`. */
export function rowOf(
  loan: LoanRecord,
  me: Uint8Array,
  clock: Clock,
  terms: (loan: LoanRecord, role: Role) => LoanTerms | undefined,
): LoanRow {
  const role = roleOf(loan, me);
  return {
    loanId: loan.loanId,
    role,
    otherParty: role === 'lender' ? hex(loan.borrowerId) : lenderOf(loan),
    state: loan.state,
    startBlock: loan.activatedAt,
    start: loan.activatedAt === undefined ? undefined : estimatedTime(loan.activatedAt, clock),
    maturityBlock: loan.maturity,
    due: loan.maturity === undefined ? undefined : estimatedTime(loan.maturity, clock),
    terms: terms(loan, role),
    waiting:
      (role === 'lender' && loan.state === 'AwaitingFeedback') ||
      (role === 'borrower' && loan.state === 'ExtensionProposed'),
  };
}

export interface LoanFilter {
  role: Role | 'all';
  state: State | 'all';
  /** Words that must all appear in the row: its number, the other party's id, the terms. */
  search: string;
}

/** What a search looks through in a row. */
const searchable = (row: LoanRow) =>
  [
    `#${row.loanId}`,
    row.otherParty,
    row.terms?.amount,
    row.terms?.currency,
    row.terms?.purpose,
    row.terms?.note,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();

/** The rows that pass `filter`: the waiting ones first, then the newest. */
export function filterRows(rows: LoanRow[], filter: LoanFilter): LoanRow[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  return rows
    .filter(
      (row) =>
        (filter.role === 'all' || row.role === filter.role) &&
        (filter.state === 'all' || row.state === filter.state) &&
        words.every((word) => searchable(row).includes(word)),
    )
    .sort((a, b) => Number(b.waiting) - Number(a.waiting) || b.loanId - a.loanId);
}

/** Page `page` (from 0, clamped) of `rows`, `size` at a time. */
export function pageOf<T>(rows: T[], page: number, size: number) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  return {
    rows: rows.slice(current * size, (current + 1) * size),
    page: current,
    pages,
    from: rows.length ? current * size + 1 : 0,
    to: Math.min(rows.length, (current + 1) * size),
  };
}

/** The CSV's columns (RFC 4180; names in English and snake_case, as the details JSON's). */
export const CSV_COLUMNS = [
  'loan_id',
  'role',
  'other_party_id',
  'state',
  'start_block',
  'start_estimated',
  'maturity_block',
  'due_estimated',
  'amount',
  'currency',
  'rate',
  'period_days',
  'purpose',
  'note',
] as const;

/** A CSV field: quoted when it holds a comma, a quote or a line break; a formula is defused. */
function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  // A spreadsheet runs a cell that starts with = + - @ as a formula: a note could carry one.
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const isoTime = (time: number | undefined) =>
  time === undefined ? undefined : new Date(time).toISOString();

/** The rows as CSV, a header line first, CRLF line ends (RFC 4180). */
export function csvOf(rows: LoanRow[]): string {
  const lines = rows.map((row) =>
    [
      row.loanId,
      row.role,
      row.otherParty,
      row.state,
      row.startBlock,
      isoTime(row.start),
      row.maturityBlock,
      isoTime(row.due),
      row.terms?.amount,
      row.terms?.currency,
      row.terms?.rate,
      row.terms?.period_days,
      row.terms?.purpose,
      row.terms?.note,
    ]
      .map(csvField)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

const STATES: State[] = ['Active', 'AwaitingFeedback', 'ExtensionProposed', 'Concluded'];
export const PAGE_SIZE = 25;

/** A date without its time, in the app's language. */
const day = (time: number | undefined) =>
  time === undefined
    ? '—'
    : new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium' }).format(time);

/** Offers `text` as a file download named `name`. */
function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * What the user chose in the table — which loans' cards are open and which they closed, the
 * filter and the page — kept by the page across redraws: the chain's news does not send the
 * user back to the first page.
 */
export interface TableView {
  open: Set<number>;
  closed: Set<number>;
  filter: LoanFilter;
  page: number;
}

export const tableView = (): TableView => ({
  open: new Set(),
  closed: new Set(),
  filter: { role: 'all', state: 'all', search: '' },
  page: 0,
});

/**
 * The table: filters, search and paging above it, CSV below; each row opens the loan's card
 * (`card`, built when opened). A loan that waits for this party opens by itself, unless the
 * user closed it.
 */
export function loanTable(
  rows: LoanRow[],
  card: (loanId: number) => HTMLElement,
  view: TableView,
): HTMLElement {
  const { open, closed } = view;
  for (const row of rows) if (row.waiting && !closed.has(row.loanId)) open.add(row.loanId);
  const role = select('role', [
    ['all', 'allRoles'],
    ['lender', 'youLend'],
    ['borrower', 'youBorrow'],
  ]);
  const state = select('state', [
    ['all', 'allStates'],
    ...STATES.map((s): [string, Key] => [s, `state${s}` as Key]),
  ]);
  const search = input('search', { type: 'search', placeholder: t('searchLoansHint') });
  const body = h('tbody');
  const count = h('span', { 'data-testid': 'loan-count' });
  const previous = h('button', {}, t('previousPage'));
  const next = h('button', {}, t('nextPage'));
  role.value = view.filter.role;
  state.value = view.filter.state;
  search.value = view.filter.search;
  let shown: LoanRow[] = [];

  const cells = (row: LoanRow) => [
    h('td', {}, `#${row.loanId}`),
    h('td', {}, t(row.role === 'lender' ? 'youLend' : 'youBorrow')),
    h('td', { title: row.otherParty }, h('code', {}, short(row.otherParty))),
    h('td', { title: row.startBlock === undefined ? '' : `#${row.startBlock}` }, day(row.start)),
    h(
      'td',
      { title: row.maturityBlock === undefined ? '' : `#${row.maturityBlock}` },
      day(row.due),
    ),
    h('td', { 'data-state': row.state }, t(`state${row.state}` as Key)),
    h('td', { class: 'amount' }, row.terms ? `${row.terms.amount} ${row.terms.currency}` : '—'),
  ];

  function draw() {
    view.filter = {
      role: role.value as LoanFilter['role'],
      state: state.value as LoanFilter['state'],
      search: search.value,
    };
    shown = filterRows(rows, view.filter);
    const current = pageOf(shown, view.page, PAGE_SIZE);
    const page = (view.page = current.page);
    count.textContent = shown.length
      ? t('loansShown', { from: current.from, to: current.to, count: shown.length })
      : t('noLoanMatches');
    previous.disabled = page === 0;
    next.disabled = page >= current.pages - 1;
    body.replaceChildren(
      ...current.rows.flatMap((row) => {
        const opened = open.has(row.loanId);
        const toggle = h(
          'button',
          { class: 'link', 'aria-expanded': String(opened) },
          opened ? t('hideLoan') : t('showLoan'),
        );
        const tr = h(
          'tr',
          {
            'data-testid': 'loan-row',
            'data-loan-id': String(row.loanId),
            class: row.waiting ? 'due' : '',
          },
          ...cells(row),
          h('td', {}, toggle),
        );
        toggle.addEventListener('click', () => {
          if (open.delete(row.loanId)) closed.add(row.loanId);
          else {
            open.add(row.loanId);
            closed.delete(row.loanId);
          }
          draw();
        });
        return opened
          ? [tr, h('tr', { class: 'card-row' }, h('td', { colspan: '8' }, card(row.loanId)))]
          : [tr];
      }),
    );
  }

  const again = () => {
    view.page = 0;
    draw();
  };
  role.addEventListener('change', again);
  state.addEventListener('change', again);
  search.addEventListener('input', again);
  previous.addEventListener('click', () => {
    view.page--;
    draw();
  });
  next.addEventListener('click', () => {
    view.page++;
    draw();
  });
  draw();

  const headings: Key[] = [
    'colLoan',
    'colRole',
    'colOtherParty',
    'colStart',
    'colDue',
    'colState',
    'colAmount',
  ];
  return h(
    'div',
    { class: 'loan-table', 'data-testid': 'loan-table' },
    h(
      'div',
      { class: 'filters' },
      field(t('searchLoans'), search),
      field(t('colRole'), role),
      field(t('colState'), state),
    ),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...headings.map((k) => h('th', {}, t(k))), h('th', {}))),
        body,
      ),
    ),
    h(
      'p',
      { class: 'pager' },
      previous,
      ' ',
      count,
      ' ',
      next,
      ' ',
      h(
        'button',
        {
          'data-testid': 'export-csv',
          onclick: () => download('loanchain-loans.csv', csvOf(shown), 'text/csv;charset=utf-8'),
        },
        t('exportCsv'),
      ),
    ),
  );
}
