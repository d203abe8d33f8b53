// A loan's terms as a definition list, the same on every page that shows them.
import { h } from '../dom';
import { t } from '../i18n';
import type { LoanTerms } from '../terms';

export function termsView(terms: LoanTerms): HTMLElement {
  const rows: [string, string | number | undefined][] = [
    [t('amount'), `${terms.amount} ${terms.currency}`],
    [t('rate'), `${(Number(terms.rate) * 100).toFixed(2)} %`],
    [t('start'), terms.start],
    [t('periodDays'), terms.period_days],
    [t('purpose'), terms.purpose],
    [t('noteField'), terms.note],
  ];
  return h(
    'dl',
    { class: 'terms', 'data-testid': 'terms' },
    ...rows
      .filter(([, value]) => value !== undefined && value !== '')
      .flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, String(value))]),
  );
}
