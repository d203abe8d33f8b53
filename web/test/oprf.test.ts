// The browser's id computation against RFC 9497's vectors (A.1.2, ristretto255-SHA512, VOPRF)
// and against loanchain-oprf (primitives/oprf/src/tests.rs pins the same values): the test
// chains' dealing recomputed here plays the registrars' nodes.
import { describe, expect, it } from 'vitest';
import { ristretto255, ristretto255_oprf } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  OprfError,
  blind,
  finish,
  idHashOf,
  oprfInput,
  requestHash,
  type Answer,
} from '../src/crypto/oprf';

const voprf = ristretto255_oprf.voprf;
const Fn = ristretto255.Point.Fn;

const SK = hexToBytes('e6f73f344b79b379f1a0dd37e07ff62e38d9f71345ce62ae3a9bc60b04ccd909');
const PK = hexToBytes('c803e2cc6b05fc15064549b5920659ca4a77b2cca6f04f6b357009335476ad4e');
/** (Input, Output) of A.1.2.1 and A.1.2.2. */
const RFC = [
  [
    '00',
    'b58cfbe118e0cb94d79b5fd6a6dafb98764dff49c14e1770b566e42402da1a7da4d8527693914139caee5bd03903af43a491351d23b430948dd50cde10d32b3c',
  ],
  [
    '5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a',
    '8a9a2f3c7f085b65933594309041fc1898d42d0858e59f90814ae90571a6df60356f4610bf816f27afdd84f47719e480906d27ecd994985890e5f539e7ea74b6',
  ],
];

const bytesLE = (n: bigint) => Fn.toBytes(n);

/** loanchain_oprf::dev_shares: coefficients blake2b-512("loanchain/dev/oprf/" || j) mod ℓ. */
function devShares(threshold: number, count: number) {
  const coefficient = (j: number) => {
    const index = new Uint8Array([j & 0xff, j >> 8]);
    const wide = blake2b(concatBytes(utf8ToBytes('loanchain/dev/oprf/'), index));
    return Fn.create(wide.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n));
  };
  const coefficients = Array.from({ length: threshold }, (_, j) => coefficient(j));
  return Array.from({ length: count }, (_, i) => {
    const x = BigInt(i + 1);
    const secret = coefficients.reduceRight((acc, c) => Fn.add(Fn.mul(acc, x), c), 0n);
    const secretKey = bytesLE(secret);
    const element = ristretto255.Point.BASE.multiply(secret).toBytes();
    return { index: i + 1, secretKey, element };
  });
}

type Share = ReturnType<typeof devShares>[number];

/** A registrar's node answering: its evaluation and proof. */
function answer(share: Share, blinded: Uint8Array): Answer {
  const { evaluated, proof } = voprf.blindEvaluate(share.secretKey, share.element, blinded);
  return { share: { index: share.index, element: share.element }, element: evaluated, proof };
}

describe('RFC 9497 A.1.2 (ristretto255-SHA512, VOPRF)', () => {
  it.each(RFC)(
    'input %s: one key, blinded, answered and finished, gives the RFC output',
    (input, output) => {
      const blinding = blind(hexToBytes(input));
      const evaluation = voprf.blindEvaluate(SK, PK, blinding.blinded);
      const answers = [
        {
          share: { index: 1, element: PK },
          element: evaluation.evaluated,
          proof: evaluation.proof,
        },
      ];
      expect(bytesToHex(finish(blinding, answers, 1))).toBe(output);
    },
  );
});

describe('the test chains’ key, shared 3-of-4', () => {
  const local = devShares(3, 4);
  const dev = devShares(1, 1);
  const input = oprfInput('Person', '11010519491231002X');

  it('has the public shares the runtime presets hold', () => {
    expect(bytesToHex(dev[0].element)).toBe(
      'a612ec9542e6aad9bcfb35fad783549fd43b5ad66f15df355605eefeb7efe469',
    );
    expect(bytesToHex(local[3].element)).toBe(
      '2a3fcab60454b2c35a1f7e428c92c2409f0de46334a28cb71702b538f7dfc46f',
    );
  });

  it('any three registrars give the id loanctl computes; the dev registrar alone gives it too', () => {
    const bob = 'cc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c';
    for (const three of [
      [0, 1, 2],
      [3, 0, 2],
      [1, 2, 3],
    ]) {
      const blinding = blind(input);
      const answers = three.map((i) => answer(local[i], blinding.blinded));
      expect(bytesToHex(idHashOf(finish(blinding, answers, 3)))).toBe(bob);
    }
    const blinding = blind(input);
    expect(bytesToHex(idHashOf(finish(blinding, [answer(dev[0], blinding.blinded)], 1)))).toBe(bob);
  });

  it('two registrars cannot; one share alone gives an unrelated value', () => {
    const blinding = blind(input);
    const two = [answer(local[0], blinding.blinded), answer(local[1], blinding.blinded)];
    expect(() => finish(blinding, two, 3)).toThrow(OprfError);
    const alone = finish(blinding, [two[0]], 1);
    expect(bytesToHex(idHashOf(alone))).not.toBe(
      'cc63b3e5b34a857e13f659fad55643a30305079fa1029b8157d1fbf5cd6dba0c',
    );
  });

  it('refuses an answer whose proof is not its public share’s, and a share answering twice', () => {
    const blinding = blind(input);
    const answers = [0, 1, 2].map((i) => answer(local[i], blinding.blinded));
    // Registrar 2's evaluation presented as registrar 3's.
    const forged = [answers[0], answers[1], { ...answers[1], share: answers[2].share }];
    let failure: unknown;
    try {
      finish(blinding, forged, 3);
    } catch (error) {
      failure = error;
    }
    expect((failure as OprfError).detail).toEqual({ reason: 'ProofDoesNotVerify', index: 3 });
    expect(() => finish(blinding, [answers[0], answers[0], answers[1]], 3)).toThrow(
      /DuplicateShare/,
    );
  });
});

it('signs the same evaluation request as loanchain-oprf', () => {
  const hash = requestHash(
    new Uint8Array(32).fill(1),
    new Uint8Array(32).fill(2),
    new Uint8Array(32).fill(3),
    1_700_000_000_000n,
  );
  expect(bytesToHex(hash)).toBe(REQUEST_VECTOR);
});

/** loanchain_oprf::request_hash([1; 32], [2; 32], [3; 32], 1_700_000_000_000). */
const REQUEST_VECTOR = 'da7eea2923b881911643e41dc04402550e5e65be2218ca5ada6a5b5227ddfb15';
