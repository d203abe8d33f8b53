// The lender's choice of who may read a loan's details (SPEC §3, `Disclosure`): kept
// encrypted, sold for a price, or published — never less open than it is — and what that
// choice does, in words, for the confirmation. Shared by a public and a private lender.
import { formatLoan } from '../format';
import { t } from '../i18n';
import { validPrice } from '../terms';
import { field, input, select } from './common';

export function disclosureFields(from: 'encrypted' | 'paid' | 'public' = 'encrypted') {
  const levels: [string, Parameters<typeof t>[0]][] = [
    ['encrypted', 'keepEncrypted'],
    ['paid', 'sellAccess'],
    ['public', 'publish'],
  ];
  const order = ['encrypted', 'paid', 'public'];
  const level = select(
    'disclosure',
    levels.filter(([value]) => order.indexOf(value) >= order.indexOf(from)),
  );
  const price = input('price', { inputmode: 'decimal', placeholder: '5' });
  const priceField = field(t('priceLoan'), price);
  const sync = () => (priceField.hidden = level.value !== 'paid');
  level.addEventListener('change', sync);
  sync();
  return { level, price, nodes: [field(t('disclosure'), level), priceField] };
}

/** What the chosen disclosure does, for the confirmation. */
export function disclosureConsequence(level: string, price: string): string {
  if (level === 'paid') return t('confirmDisclosurePaid', { price: formatLoan(validPrice(price)) });
  if (level === 'public') return t('confirmDisclosurePublic');
  return t('confirmDisclosureEncrypted');
}

/** The disclosure argument; a price that is not an amount above zero is refused. */
export function disclosureValue(level: string, price: string, contentKey: Uint8Array) {
  if (level === 'paid') return { Paid: { price: validPrice(price) } };
  if (level === 'public') return { Public: { contentKey } };
  return { Encrypted: null };
}
