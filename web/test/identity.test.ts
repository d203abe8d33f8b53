// ID validation as loanctl does it: the same sample numbers as client/src/identity.rs's tests.
import { describe, expect, it } from 'vitest';
import { InvalidNumberError, normalizeEnterprise, normalizePerson } from '../src/crypto/identity';
import { formatKeyFile, parseKeyFile } from '../src/crypto/keyfile';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof InvalidNumberError) return e.detail;
    throw e;
  }
  throw new Error('not refused');
};

describe('normalization', () => {
  it('trims and upper-cases', () => {
    expect(normalizePerson(' 11010519491231002x\n')).toBe('11010519491231002X');
    expect(normalizeEnterprise('91350100m000100y43')).toBe('91350100M000100Y43');
  });
});

describe('ID validation', () => {
  it('refuses resident ID numbers with a reason', () => {
    expect(refusal(() => normalizePerson('1101051949123100'))).toEqual({
      reason: 'WrongLength',
      found: 16,
    });
    expect(refusal(() => normalizePerson('110105194912310021'))).toEqual({
      reason: 'CheckMismatch',
      expected: 'X',
      found: '1',
    });
    expect(refusal(() => normalizePerson('11010519491231A02X'))).toEqual({
      reason: 'BadCharacter',
      position: 15,
      found: 'A',
    });
    expect(refusal(() => normalizePerson('11010519491231002Y'))).toEqual({
      reason: 'BadCharacter',
      position: 18,
      found: 'Y',
    });
  });

  it('refuses credit codes with a reason', () => {
    expect(refusal(() => normalizeEnterprise('91350100M000100Y44'))).toEqual({
      reason: 'CheckMismatch',
      expected: '3',
      found: '4',
    });
    expect(refusal(() => normalizeEnterprise('91350100I000100Y43'))).toEqual({
      reason: 'BadCharacter',
      position: 9,
      found: 'I',
    });
    expect(refusal(() => normalizeEnterprise(''))).toEqual({ reason: 'WrongLength', found: 0 });
  });

  it('accepts well-formed credit codes', () => {
    for (const code of ['91110000600037341L', '91440300MA5DC0QX05', '91350100M000100Y43']) {
      expect(normalizeEnterprise(code)).toBe(code);
    }
  });
});

describe('key files', () => {
  it('reads and writes the loanctl keygen format', () => {
    const secret = new Uint8Array(32).fill(0xab);
    const text = formatKeyFile(secret);
    expect(text).toBe(`0x${'ab'.repeat(32)}\n`);
    expect(parseKeyFile(text)).toEqual(secret);
    expect(parseKeyFile(` ${'AB'.repeat(32)} `)).toEqual(secret);
    expect(() => parseKeyFile('0x1234')).toThrow('32 bytes');
  });
});
