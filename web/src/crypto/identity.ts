// ID numbers checked as loanctl checks them (client/src/identity.rs): the check character
// validated first, so that a typo fails before a registrar computes an id no claim matches.
// The id itself only the registrars compute, together (SPEC §2, ./oprf.ts).

export type Kind = 'Person' | 'Enterprise';

/** Why a number was refused, in the same terms as loanctl's errors. */
export type InvalidNumber =
  | { reason: 'WrongLength'; found: number }
  | { reason: 'BadCharacter'; position: number; found: string }
  | { reason: 'CheckMismatch'; expected: string; found: string };

export class InvalidNumberError extends Error {
  constructor(readonly detail: InvalidNumber) {
    super(JSON.stringify(detail));
  }
}

const PERSON_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const PERSON_CHECK = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ENTERPRISE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const refuse = (detail: InvalidNumber): never => {
  throw new InvalidNumberError(detail);
};

function eighteenChars(number: string): string[] {
  const chars = [...number.trim().toUpperCase()];
  if (chars.length !== 18) refuse({ reason: 'WrongLength', found: chars.length });
  return chars;
}

function check(expected: string, found: string) {
  if (expected !== found) refuse({ reason: 'CheckMismatch', expected, found });
}

/** A resident ID number: 17 digits and an ISO 7064 MOD 11-2 check character. */
export function normalizePerson(number: string): string {
  const chars = eighteenChars(number);
  let sum = 0;
  PERSON_WEIGHTS.forEach((weight, i) => {
    if (!/^[0-9]$/.test(chars[i]))
      refuse({ reason: 'BadCharacter', position: i + 1, found: chars[i] });
    sum += Number(chars[i]) * weight;
  });
  if (!/^[0-9X]$/.test(chars[17]))
    refuse({ reason: 'BadCharacter', position: 18, found: chars[17] });
  check(PERSON_CHECK[sum % 11], chars[17]);
  return chars.join('');
}

/** A unified social credit code: GB 32100's alphabet and mod-31 check character. */
export function normalizeEnterprise(code: string): string {
  const chars = eighteenChars(code);
  const value = (i: number) => {
    const v = CREDIT_CODE_ALPHABET.indexOf(chars[i]);
    if (v < 0) refuse({ reason: 'BadCharacter', position: i + 1, found: chars[i] });
    return v;
  };
  let sum = 0;
  ENTERPRISE_WEIGHTS.forEach((weight, i) => (sum += value(i) * weight));
  value(17);
  check(CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31], chars[17]);
  return chars.join('');
}

export const normalize = (kind: Kind, number: string) =>
  kind === 'Person' ? normalizePerson(number) : normalizeEnterprise(number);
