// An identity's fields (kind and ID number, hashed in this browser) and a number's check in
// words: the identity page, the loans page's counterparty and the registrar's page use them.
import { InvalidNumberError, idHash, type Kind } from '../crypto/identity';
import { t } from '../i18n';
import { field, input, select } from './common';

/** A number's check in words, for a failed `idHash`. */
export function invalidNumber(error: unknown): string | undefined {
  if (!(error instanceof InvalidNumberError)) return undefined;
  return t(error.detail.reason, error.detail as unknown as Record<string, string | number>);
}

/** Fields for an identity: kind and number. */
export function identityFields() {
  const kind = select('kind', [
    ['Person', 'kindPerson'],
    ['Enterprise', 'kindEnterprise'],
  ]);
  const number = input('number', { required: true });
  return {
    kind,
    number,
    nodes: [field(t('kind'), kind), field(t('number'), number)],
    hash: () => idHash(kind.value as Kind, number.value),
  };
}
