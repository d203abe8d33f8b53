// Check a borrower: with their consent (`Loans.inquire`, logged where they see it), or by an
// id already known; then the public summary from the node — when, "borrowed", and how the
// details can be had. Nobody can find an id from an ID number here: only the registrars,
// together, compute ids (SPEC §2).
import { identityProblem, parseIdHash } from '../components/identity-fields';
import {
  TimeoutError,
  borrowerSummary,
  publishedLoan,
  withTimeout,
  type SummaryLine,
} from '../chain';
import { ownerOf } from '../records';
import { hexToU8a } from '@polkadot/util';
import { connect } from '../chain';
import { send, txStatus } from '../tx';
import { alert, currentUser, field, message, note, section } from '../components/common';
import { parseInquiryConsent } from '../components/inquiry-consent';
import { formatLoan } from '../format';
import { requestAccessButton } from '../components/request-button';
import { lenderView } from '../components/lender-view';
import { maturityView } from '../components/maturity-view';
import { termsView } from '../components/terms-view';
import type { LoanTerms } from '../terms';
import { h } from '../dom';
import { currentLanguage, t } from '../i18n';

function detailsOf(line: SummaryLine): string {
  if (line.disclosure === 'paid')
    return t('paid', { price: formatLoan(BigInt(line.price ?? '0')) });
  return t(line.disclosure);
}

/** How the details of a summary line can be had: ask, pay, or read what was published. */
function howToRead(line: SummaryLine): HTMLElement {
  if (line.disclosure === 'encrypted')
    return requestAccessButton(line.loanId, t('requestAccess'), 0n);
  if (line.disclosure === 'paid') {
    const price = BigInt(line.price ?? '0');
    return requestAccessButton(line.loanId, t('payForAccess', { price: formatLoan(price) }), price);
  }
  const shown = h('div');
  return h(
    'div',
    {},
    h(
      'button',
      {
        onclick: async () => {
          const loan = await publishedLoan(line.loanId);
          if (!loan?.details) return;
          const terms = loan.details as LoanTerms;
          const bound = {
            lenderKey: loan.lenderKey ? hexToU8a(loan.lenderKey) : undefined,
            borrowerId: hexToU8a(loan.borrowerId),
            activatedAt: loan.activatedAt?.block,
          };
          const offers = (loan.sealedExtensions ?? []).map((offer) => ({
            extraDays: offer.extraDays ?? undefined,
            confirmed: offer.confirmedAt !== null,
          }));
          const maturity = maturityView(
            { ...bound, concluded: loan.state === 'concluded' },
            terms,
            Promise.resolve(offers),
          );
          shown.replaceChildren(
            termsView(terms),
            ...[lenderView(bound, terms), maturity].filter((e) => e !== null),
            loan.outcome
              ? h(
                  'p',
                  {},
                  t('outcomeIs', {
                    outcome: t(loan.outcome === 'breached' ? 'breached' : 'performedNormally'),
                  }),
                )
              : h('p', {}, t('notConcluded')),
          );
        },
      },
      t('read'),
    ),
    shown,
  );
}

function summaryTable(lines: SummaryLine[]): HTMLElement {
  if (!lines.length) return h('p', { 'data-testid': 'summary' }, t('noLoans'));
  return h(
    'section',
    { 'data-testid': 'summary' },
    h('p', {}, t('loans', { count: lines.length })),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, t('time')),
          h('th', {}, t('event')),
          h('th', {}, t('details')),
          h('th', {}, ''),
        ),
      ),
      h(
        'tbody',
        {},
        ...lines.map((line) =>
          h(
            'tr',
            { 'data-loan-id': String(line.loanId) },
            h('td', {}, new Date(line.time).toLocaleString(currentLanguage())),
            h('td', {}, t('borrowed')),
            h('td', {}, detailsOf(line)),
            h('td', {}, howToRead(line)),
          ),
        ),
      ),
    ),
  );
}

/** The inquirer's form: a borrower's consent pasted, submitted, then their summary shown. */
function checkWithConsent(): HTMLElement {
  const text = h('textarea', { name: 'inquiryConsent', rows: '6', spellcheck: 'false' });
  const status = txStatus();
  const shown = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('checkBorrower'));
  const check = async (event: Event) => {
    event.preventDefault();
    shown.replaceChildren();
    let consent;
    try {
      consent = parseInquiryConsent(text.value);
    } catch (error) {
      return shown.replaceChildren(alert(message(error)));
    }
    // Inquiring takes a verified identity, not the encryption key.
    const user = await currentUser();
    if (!user) return shown.replaceChildren(note(t('needAccount')));
    if (user.identity?.status !== 'Verified') return shown.replaceChildren(note(t('needVerified')));
    submit.disabled = true;
    try {
      const fee = formatLoan(BigInt((await connect()).consts.loans.inquiryFee.toString()));
      shown.replaceChildren(note(t('inquiryLogged', { fee })));
      await send((api) => api.tx.loans.inquire(consent), user.account.address, status);
      const lines = await withTimeout(borrowerSummary(hexToU8a(consent.borrowerId)));
      shown.replaceChildren(
        h('p', { class: 'hash' }, t('hashed', { hash: consent.borrowerId })),
        summaryTable(lines),
      );
    } catch {
      // The status line says why.
      shown.replaceChildren();
    } finally {
      submit.disabled = false;
    }
  };
  return h(
    'form',
    { onsubmit: check, 'data-testid': 'check-form' },
    note(t('checkIntro')),
    field(t('inquiryConsentLabel'), text),
    submit,
    status,
    shown,
  );
}

export function lookupPage(): HTMLElement {
  const result = h('div', { 'aria-live': 'polite' });
  const id = h('input', {
    name: 'idHash',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    placeholder: '0x…',
  });
  const submit = h('button', { type: 'submit' }, t('lookUp'));

  async function lookUp(event: Event) {
    event.preventDefault();
    submit.disabled = true;
    result.replaceChildren();
    try {
      const hash = parseIdHash(id.value);
      const [lines, owner] = await withTimeout(Promise.all([borrowerSummary(hash), ownerOf(hash)]));
      // No loans because nobody holds the id, or because its holder never borrowed.
      result.append(
        !lines.length && !owner
          ? h(
              'p',
              { 'data-testid': 'summary', 'data-registered': 'false' },
              t('lookupNotRegistered'),
            )
          : summaryTable(lines),
      );
    } catch (error) {
      const message =
        identityProblem(error) ??
        (error instanceof TimeoutError
          ? t('timedOut', { seconds: error.ms / 1000 })
          : t('failed', { message: String((error as Error).message ?? error) }));
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, message));
    } finally {
      submit.disabled = false;
    }
  }

  return h(
    'main',
    {},
    h('h1', {}, t('lookupTitle')),
    h('p', {}, t('lookupIntro')),
    section(t('checkTitle'), checkWithConsent()),
    h('h2', {}, t('lookupByIdTitle')),
    h(
      'form',
      { onsubmit: lookUp },
      h('p', { class: 'note' }, t('lookupByIdIntro')),
      h('label', {}, t('idHash'), id),
      submit,
    ),
    result,
  );
}
