// When a private lender's loan matures, as its parties' clients compute it.
import { h } from '../dom';
import { t } from '../i18n';
import { isDue, maturesOn, type OfferDays } from '../private-schedule';
import type { LoanTerms } from '../terms';
import { filledLater } from './common';

/**
 * A paragraph, filled once `offers` are known, with the day a private lender's loan matures
 * and whether that day has come; nothing for a loan whose maturity the chain keeps.
 */
export function maturityView(
  loan: { lenderKey?: Uint8Array; concluded: boolean },
  terms: LoanTerms,
  offers: Promise<OfferDays[]>,
): HTMLElement | null {
  if (!loan.lenderKey) return null;
  const out = h('p', { 'data-testid': 'matures-on' });
  return filledLater(out, offers, (known) => {
    const date = maturesOn(terms, known);
    if (!date) return;
    out.dataset.date = date;
    const due = isDue(date, loan.concluded);
    out.dataset.due = String(due);
    out.append(t('privateMaturesOn', { date }), ...(due ? [' ', t('privateDue')] : []));
  });
}
