// The first-run guide: what Loanchain is and the four steps to a first loan, shown above
// every page until the person has an account or hides it.
import { h } from '../dom';
import { t, type Key } from '../i18n';
import { accounts } from '../wallet';

const HIDDEN = 'loanchain.guide';

const STEPS: [Key, string][] = [
  ['guideAccount', 'account'],
  ['guideFunds', 'account'],
  ['guideIdentity', 'identity'],
  ['guideLoans', 'loans'],
];

/** The guide, or null once there is an account or it was hidden; `hidden` redraws. */
export function firstRunGuide(hidden: () => void): HTMLElement | null {
  if (accounts().length || localStorage.getItem(HIDDEN) === 'yes') return null;
  return h(
    'aside',
    { class: 'card guide', 'data-testid': 'guide' },
    h('h2', {}, t('guideTitle')),
    h('p', {}, t('guideWhat')),
    h(
      'ol',
      {},
      ...STEPS.map(([key, page]) =>
        h('li', {}, t(key), ' ', h('a', { href: `#/${page}` }, t('guideGo'))),
      ),
    ),
    h(
      'button',
      {
        onclick: () => {
          localStorage.setItem(HIDDEN, 'yes');
          hidden();
        },
      },
      t('guideHide'),
    ),
  );
}
