// Look up a borrower: the ID number validated and hashed in the browser (Argon2id, SPEC §2),
// then the public summary from the node — when, "borrowed", and how the details can be had.
import { bytesToHex } from '@noble/hashes/utils.js';
import { InvalidNumberError, idHash, type Kind } from '../crypto/identity';
import { borrowerSummary, type SummaryLine } from '../chain';
import { h } from '../dom';
import { currentLanguage, t } from '../i18n';

const PLANCKS_PER_LOAN = 10n ** 12n;

function loan(price: string): string {
  const plancks = BigInt(price);
  const whole = plancks / PLANCKS_PER_LOAN;
  const fraction = (plancks % PLANCKS_PER_LOAN).toString().padStart(12, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

function detailsOf(line: SummaryLine): string {
  if (line.disclosure === 'paid') return t('paid', { price: loan(line.price ?? '0') });
  return t(line.disclosure);
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
        h('tr', {}, h('th', {}, t('time')), h('th', {}, t('event')), h('th', {}, t('details'))),
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
          ),
        ),
      ),
    ),
  );
}

export function lookupPage(): HTMLElement {
  const result = h('div', { 'aria-live': 'polite' });
  const kind = h(
    'select',
    { name: 'kind' },
    h('option', { value: 'Person' }, t('kindPerson')),
    h('option', { value: 'Enterprise' }, t('kindEnterprise')),
  );
  const number = h('input', {
    name: 'number',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const submit = h('button', { type: 'submit' }, t('lookUp'));

  async function lookUp(event: Event) {
    event.preventDefault();
    submit.disabled = true;
    result.replaceChildren(h('p', {}, t('hashing')));
    try {
      const hash = await idHash(kind.value as Kind, number.value);
      const hex = `0x${bytesToHex(hash)}`;
      result.replaceChildren(h('p', { class: 'hash' }, t('hashed', { hash: hex })));
      result.append(summaryTable(await borrowerSummary(hash)));
    } catch (error) {
      const message =
        error instanceof InvalidNumberError
          ? t(error.detail.reason, error.detail as unknown as Record<string, string | number>)
          : t('failed', { message: String((error as Error).message ?? error) });
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
    h(
      'form',
      { onsubmit: lookUp },
      h('label', {}, t('kind'), kind),
      h('label', {}, t('number'), number),
      submit,
      h('p', { class: 'note' }, t('privacy')),
    ),
    result,
  );
}
