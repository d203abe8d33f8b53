// Who lent a private lender's loan, as its details say and as far as the chain proves it.
import { h } from '../dom';
import { t } from '../i18n';
import { checkLender, type LenderBound, type LenderVerdict } from '../lender-of';
import type { LoanTerms } from '../terms';
import { filledLater } from './common';

const verdictText: Record<Exclude<LenderVerdict, 'missing'>, Parameters<typeof t>[0]> = {
  verified: 'lenderVerified',
  badSignature: 'lenderBadSignature',
  notHolder: 'lenderNotHolder',
};

/**
 * A paragraph, filled once the chain has answered, naming the lender of a private lender's
 * loan and what its statement proves; nothing for a loan whose lender the chain names.
 */
export function lenderView(loan: LenderBound, terms: LoanTerms): HTMLElement | null {
  if (!loan.lenderKey) return null;
  const statement = terms.lender;
  const out = h('p', { 'data-testid': 'lender-check' });
  return filledLater(out, checkLender(loan, statement), (verdict) => {
    out.dataset.verdict = verdict;
    if (!statement || verdict === 'missing') {
      out.append(t('lenderMissing'));
      return;
    }
    out.append(
      t('lentBy', { id: statement.id, account: statement.account }),
      t(verdictText[verdict]),
    );
  });
}
