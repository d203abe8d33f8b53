// The consent request and the signed consent of a loan recorded in one transaction
// (`loans.record`, SPEC §3): one format, camelCase, the one docs/web.md shows and `loanctl
// consent-request` prints. The company makes the request, the customer signs it, the
// company submits `record` with the signed consent. A field that is missing, wrong, or not
// of this format (a snake_case name, say) is named.
import { isHex } from '@polkadot/util';
import type { SealedDetails } from './crypto/sealing';
import { t } from './i18n';

/** What a company's system hands its customer to sign (hex bytes, as @polkadot/api takes). */
export interface ConsentRequest {
  genesisHash?: string;
  lenderId: string;
  borrowerId: string;
  submitter: 'Lender' | 'Borrower';
  periodDays: number;
  details: Record<keyof SealedDetails, string>;
  deadline: number;
}

/**
 * A private lender's consent request (`loanctl private-consent-request`): the borrower's
 * consent to `loans.record_private`, naming the lender by the loan's per-loan key only — who
 * the lender is, the borrower reads in the sealed details (their `lender` statement).
 */
export interface PrivateConsentRequest {
  genesisHash: string;
  lenderKey: string;
  borrowerId: string;
  details: Record<keyof SealedDetails, string>;
  deadline: number;
}

/** What the customer hands back: the `consent` argument of `record`. */
export interface SignedConsent {
  deadline: number;
  signature: Partial<Record<'Sr25519' | 'Ed25519' | 'Ecdsa', string>>;
}

/** A request or a consent that is not of the format, naming what is wrong. */
export class ConsentFormatError extends Error {}

const DETAILS: (keyof SealedDetails)[] = [
  'nonce',
  'ciphertext',
  'keyCommitment',
  'lenderEnvelope',
  'borrowerEnvelope',
];
const REQUEST_FIELDS = [
  'genesisHash',
  'lenderId',
  'borrowerId',
  'submitter',
  'periodDays',
  'details',
  'deadline',
];
/** The `MultiSignature` variant of each kind of account's signature. */
export const SIGNATURE_VARIANT = {
  sr25519: 'Sr25519',
  ed25519: 'Ed25519',
  ecdsa: 'Ecdsa',
  ethereum: 'Ecdsa',
} as const;
const SCHEMES: string[] = ['Sr25519', 'Ed25519', 'Ecdsa'];

const wrong = (field: string) => new ConsentFormatError(t('consentField', { field }));

function object(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConsentFormatError(t('consentNotJson'));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ConsentFormatError(t('consentNotJson'));
  return value as Record<string, unknown>;
}

/** Fields of `value` that the format does not have, named (the first one). */
function noOthers(value: Record<string, unknown>, known: string[], prefix = '') {
  const other = Object.keys(value).find((name) => !known.includes(name));
  if (other !== undefined)
    throw new ConsentFormatError(t('consentUnknownField', { field: `${prefix}${other}` }));
}

const isBlock = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 32;

/** The sealed details and the deadline of a request, checked. */
function checkDetailsAndDeadline(request: Record<string, unknown>) {
  const details = request.details as Record<string, unknown> | undefined;
  if (typeof details !== 'object' || details === null) throw wrong('details');
  noOthers(details, DETAILS, 'details.');
  for (const name of DETAILS) if (!isHex(details[name])) throw wrong(`details.${name}`);
  if (!isBlock(request.deadline)) throw wrong('deadline');
}

/** A consent request as pasted or scanned, checked field by field. */
export function parseConsentRequest(text: string): ConsentRequest {
  const request = object(text);
  noOthers(request, REQUEST_FIELDS);
  if (request.genesisHash !== undefined && !isHex(request.genesisHash, 256))
    throw wrong('genesisHash');
  for (const id of ['lenderId', 'borrowerId']) if (!isHex(request[id], 256)) throw wrong(id);
  if (request.submitter !== 'Lender' && request.submitter !== 'Borrower') throw wrong('submitter');
  if (!Number.isInteger(request.periodDays) || (request.periodDays as number) < 1)
    throw wrong('periodDays');
  checkDetailsAndDeadline(request);
  return request as unknown as ConsentRequest;
}

/** Whether pasted or scanned text is a private lender's consent request (it names a key). */
export function isPrivateConsentRequest(text: string): boolean {
  try {
    return 'lenderKey' in object(text);
  } catch {
    return false;
  }
}

/** A private lender's consent request as pasted or scanned, checked field by field. */
export function parsePrivateConsentRequest(text: string): PrivateConsentRequest {
  const request = object(text);
  noOthers(request, ['genesisHash', 'lenderKey', 'borrowerId', 'details', 'deadline']);
  for (const name of ['genesisHash', 'lenderKey', 'borrowerId'])
    if (!isHex(request[name], 256)) throw wrong(name);
  checkDetailsAndDeadline(request);
  return request as unknown as PrivateConsentRequest;
}

/**
 * A signed consent as pasted or scanned, checked against the request it answers: the app's
 * `{ deadline, signature }`, or `loanctl consent`'s whole output, which carries it as
 * `consent` beside the hash signed and the signer.
 */
export function parseSignedConsent(
  text: string,
  request: Pick<ConsentRequest, 'deadline'>,
): SignedConsent {
  let consent = object(text);
  if ('consent' in consent) {
    noOthers(consent, ['consent', 'consentHash', 'signer']);
    const inner = consent.consent;
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw wrong('consent');
    consent = inner as Record<string, unknown>;
    noOthers(consent, ['deadline', 'signature'], 'consent.');
  }
  noOthers(consent, ['deadline', 'signature']);
  if (consent.deadline !== request.deadline) throw wrong('deadline');
  const signature = consent.signature as Record<string, unknown> | undefined;
  const entries = Object.entries(signature ?? {});
  if (
    entries.length !== 1 ||
    !SCHEMES.includes(entries[0][0]) ||
    !isHex(entries[0][1]) ||
    (entries[0][1] as string).length < 4
  )
    throw wrong('signature');
  return consent as unknown as SignedConsent;
}
