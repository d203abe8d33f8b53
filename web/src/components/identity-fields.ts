// An identity's fields and their problems in words. Nobody but the registrars can compute an
// id from a number (SPEC §2): people and lenders type the id a registrar gave (`idField`);
// only the registrar's page takes a number, to compute its id with the registrars' services
// (`numberFields`).
import { hexToU8a, isHex } from '@polkadot/util';
import { InvalidNumberError, type Kind } from '../crypto/identity';
import { OprfError } from '../crypto/oprf';
import { KycError } from '../kyc';
import { t } from '../i18n';
import { field, input, select } from './common';

/** An id typed that is not 0x and 64 hex digits. */
export class InvalidIdError extends Error {}

/** Parses an id_hash typed or pasted: 0x and 64 hex digits (white space around is ignored). */
export function parseIdHash(text: string): Uint8Array {
  const trimmed = text.trim();
  if (!isHex(trimmed, 256)) throw new InvalidIdError(trimmed);
  return hexToU8a(trimmed);
}

/** A number's, an id's or a KYC's problem in words, or undefined for other errors. */
export function identityProblem(error: unknown): string | undefined {
  if (error instanceof InvalidNumberError)
    return t(error.detail.reason, error.detail as unknown as Record<string, string | number>);
  if (error instanceof InvalidIdError) return t('badIdHash');
  if (error instanceof KycError)
    return t(
      `kyc_${error.detail.reason}` as const,
      error.detail as unknown as Record<string, string | number>,
    );
  if (error instanceof OprfError)
    return t('kyc_badAnswer', error.detail as unknown as Record<string, string | number>);
  return undefined;
}

/** The kind of an identity: a person or a company. */
export function kindSelect() {
  return select('kind', [
    ['Person', 'kindPerson'],
    ['Enterprise', 'kindEnterprise'],
  ]);
}

/** The field for an id as its holder knows it: the one a registrar gave. */
export function idField() {
  const id = input('idHash', { required: true, placeholder: '0x…' });
  return {
    id,
    node: field(t('idHash'), id, t('idFromRegistrar')),
    idHash: () => parseIdHash(id.value),
  };
}

/** The registrar's fields for a document: kind and the number on it. */
export function numberFields() {
  const kind = kindSelect();
  const number = input('number', { required: true });
  return {
    kind,
    number,
    nodes: [field(t('kind'), kind), field(t('number'), number)],
    kindValue: () => kind.value as Kind,
  };
}
