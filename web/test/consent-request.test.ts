// The consent request of `loans.record`: one format, and every wrong field named.
import { describe, expect, it } from 'vitest';
import {
  isPrivateConsentRequest,
  parseConsentRequest,
  parsePrivateConsentRequest,
  parseSignedConsent,
} from '../src/consent-request';
import { setLanguage } from '../src/i18n';

const id = (byte: string) => `0x${byte.repeat(32)}`;
const request = {
  genesisHash: id('ab'),
  lenderId: id('01'),
  borrowerId: id('02'),
  submitter: 'Lender',
  periodDays: 30,
  details: {
    nonce: `0x${'00'.repeat(12)}`,
    ciphertext: '0x1234',
    keyCommitment: id('03'),
    lenderEnvelope: `0x${'04'.repeat(80)}`,
    borrowerEnvelope: `0x${'05'.repeat(80)}`,
  },
  deadline: 1234,
};
const text = (value: unknown) => JSON.stringify(value);

describe('a consent request', () => {
  setLanguage('en');

  it('is read back as it was written', () => {
    expect(parseConsentRequest(text(request))).toEqual(request);
    const { genesisHash: _, ...withoutGenesis } = request;
    expect(parseConsentRequest(text(withoutGenesis)).genesisHash).toBeUndefined();
  });

  it('names its first wrong field', () => {
    const cases: [unknown, string][] = [
      [{ ...request, lenderId: '0x12' }, 'The field "lenderId" is missing or wrong.'],
      [{ ...request, submitter: 'lender' }, 'The field "submitter" is missing or wrong.'],
      [{ ...request, periodDays: 0 }, 'The field "periodDays" is missing or wrong.'],
      [{ ...request, deadline: -1 }, 'The field "deadline" is missing or wrong.'],
      [
        { ...request, details: { ...request.details, nonce: 'zz' } },
        'The field "details.nonce" is missing or wrong.',
      ],
    ];
    for (const [value, words] of cases)
      expect(() => parseConsentRequest(text(value))).toThrow(words);
  });

  it('is camelCase only: a snake_case field is named, not half-read', () => {
    const { lenderId, ...rest } = request;
    expect(() => parseConsentRequest(text({ ...rest, lender_id: lenderId }))).toThrow(
      'The field "lender_id" is not part of the format',
    );
    const { keyCommitment, ...details } = request.details;
    expect(() =>
      parseConsentRequest(
        text({ ...request, details: { ...details, key_commitment: keyCommitment } }),
      ),
    ).toThrow('The field "details.key_commitment" is not part of the format');
  });

  it('refuses what is not JSON', () => {
    expect(() => parseConsentRequest('{"lenderId":')).toThrow('This is not JSON');
    expect(() => parseConsentRequest('[1]')).toThrow('This is not JSON');
  });
});

describe('a signed consent', () => {
  const parsed = parseConsentRequest(text(request));
  const consent = { deadline: 1234, signature: { Sr25519: `0x${'aa'.repeat(64)}` } };

  it('answers its request', () => {
    expect(parseSignedConsent(text(consent), parsed)).toEqual(consent);
  });

  it("is read from loanctl consent's whole output too, and nothing else beside it", () => {
    const output = {
      consent,
      consentHash: id('cd'),
      signer: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
    };
    expect(parseSignedConsent(text(output), parsed)).toEqual(consent);
    expect(() => parseSignedConsent(text({ ...output, extra: 1 }), parsed)).toThrow(
      'The field "extra" is not part of the format',
    );
    expect(() =>
      parseSignedConsent(text({ ...output, consent: { ...consent, extra: 1 } }), parsed),
    ).toThrow('The field "consent.extra" is not part of the format');
    expect(() => parseSignedConsent(text({ ...output, consent: 'signed' }), parsed)).toThrow(
      'The field "consent" is missing or wrong.',
    );
  });

  it("is refused for another request's deadline, or a signature of no known kind", () => {
    expect(() => parseSignedConsent(text({ ...consent, deadline: 1235 }), parsed)).toThrow(
      'The field "deadline" is missing or wrong.',
    );
    expect(() =>
      parseSignedConsent(text({ ...consent, signature: { Rsa: '0xaa' } }), parsed),
    ).toThrow('The field "signature" is missing or wrong.');
    expect(() =>
      parseSignedConsent(text({ ...consent, signature: { Sr25519: '0x' } }), parsed),
    ).toThrow('The field "signature" is missing or wrong.');
  });
});

describe("a private lender's consent request", () => {
  setLanguage('en');
  const { genesisHash, borrowerId, details, deadline } = request;
  const privateRequest = { genesisHash, lenderKey: id('09'), borrowerId, details, deadline };

  it('is told apart by its per-loan key, and read back as it was written', () => {
    expect(isPrivateConsentRequest(text(privateRequest))).toBe(true);
    expect(isPrivateConsentRequest(text(request))).toBe(false);
    expect(isPrivateConsentRequest('not json')).toBe(false);
    expect(parsePrivateConsentRequest(text(privateRequest))).toEqual(privateRequest);
  });

  it("names what is wrong: a short key, a missing chain, a public lender's field", () => {
    expect(() =>
      parsePrivateConsentRequest(text({ ...privateRequest, lenderKey: '0x09' })),
    ).toThrow('The field "lenderKey" is missing or wrong.');
    const { genesisHash: _, ...withoutGenesis } = privateRequest;
    expect(() => parsePrivateConsentRequest(text(withoutGenesis))).toThrow('"genesisHash"');
    expect(() => parsePrivateConsentRequest(text({ ...privateRequest, periodDays: 30 }))).toThrow(
      'periodDays',
    );
  });
});
