// The fields of a loan's terms (the details plaintext of docs/privacy.md), and their check
// before anything is sealed or signed: shared by a proposal and a company's consent request.
import { connect } from '../chain';
import { h } from '../dom';
import { t } from '../i18n';
import { validTerms, type LoanTerms } from '../terms';
import { field, input } from './common';

export function termsFields() {
  const amount = input('amount', { required: true, inputmode: 'decimal', placeholder: '5000.00' });
  const currency = input('currency', { value: 'CNY', required: true, maxlength: '3' });
  const rate = input('rate', { required: true, inputmode: 'decimal', placeholder: '0.12' });
  const start = input('start', {
    type: 'date',
    required: true,
    value: new Date().toISOString().slice(0, 10),
  });
  const period = input('periodDays', { inputmode: 'numeric', required: true, value: '30' });
  const purpose = input('purpose');
  const free = input('note');
  return {
    node: h(
      'fieldset',
      {},
      h('legend', {}, t('terms')),
      field(t('amount'), amount),
      field(t('currency'), currency),
      field(t('rate'), rate, t('rateHint')),
      field(t('start'), start),
      field(t('periodDays'), period),
      field(t('purpose'), purpose),
      field(t('noteField'), free),
    ),
    /** The terms typed, checked (an `InputError` names the first wrong field). */
    valid: async (): Promise<LoanTerms> => {
      const api = await connect();
      return validTerms(
        {
          amount: amount.value,
          currency: currency.value,
          rate: rate.value,
          start: start.value,
          periodDays: period.value,
          purpose: purpose.value,
          note: free.value,
        },
        Number(api.consts.loans.maxPeriodDays.toString()),
      );
    },
  };
}
