// Ids only the registrars can compute, together (SPEC §2), in the browser: what
// primitives/oprf (`loanchain-oprf`) does for loanctl, with @noble/curves' RFC 9497 VOPRF
// (ristretto255-SHA512).
//
//   id_hash = blake2-256("loanchain/id/v2" || OPRF_k(kind_tag || normalized_number))
//
// The registrar doing KYC blinds the input; each of `t` registrars evaluates the blinded
// element with its share of `k` and proves it (DLEQ) against its public share on chain; this
// module checks every proof, combines the answers (Lagrange in the exponent: Σ λ_i·k_i·rH =
// k·rH), unblinds and hashes them as RFC 9497's Finalize does. Nothing here is a primitive of
// its own: blinding, proofs and Finalize are noble's, the group arithmetic is noble's
// ristretto255.
import { ristretto255, ristretto255_oprf } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Kind } from './identity';

/** The domain of id_hash over the OPRF's output. */
export const ID_DOMAIN = 'loanchain/id/v2';
/** The domain of a registrar's signed evaluation request (`oprf_evaluate`). */
export const REQUEST_DOMAIN = 'loanchain/oprf-request/v1';

/** A registrar's public share, as `CreditIdentity.OprfShares` holds it. */
export interface PublicShare {
  index: number;
  element: Uint8Array;
}

/** One registrar's answer, with the public share (read from the chain) it is checked against. */
export interface Answer {
  share: PublicShare;
  element: Uint8Array;
  proof: Uint8Array;
}

/** The blinded input, waiting for the registrars' answers. */
export interface Blinding {
  input: Uint8Array;
  blind: Uint8Array;
  blinded: Uint8Array;
}

export type OprfFailure =
  | { reason: 'NotEnoughAnswers'; have: number; need: number }
  | { reason: 'DuplicateShare'; index: number }
  | { reason: 'ProofDoesNotVerify'; index: number };

export class OprfError extends Error {
  constructor(readonly detail: OprfFailure) {
    super(JSON.stringify(detail));
  }
}

/** The OPRF's input: the kind's tag and the normalized number. */
export const oprfInput = (kind: Kind, normalized: string) =>
  utf8ToBytes(`${kind === 'Person' ? 'P:' : 'E:'}${normalized}`);

/** Blinds `input` (VOPRF mode: the hash-to-group domain names the mode). */
export function blind(input: Uint8Array): Blinding {
  const { blind, blinded } = ristretto255_oprf.voprf.blind(input);
  return { input, blind, blinded };
}

const Fn = ristretto255.Point.Fn;

/** λ_i at 0 for the shares' indexes: Π_{j≠i} x_j / (x_j − x_i) mod ℓ. */
function lagrangeAtZero(indexes: number[]): bigint[] {
  return indexes.map((xi, i) =>
    indexes.reduce(
      (lambda, xj, j) =>
        j === i ? lambda : Fn.mul(lambda, Fn.div(BigInt(xj), Fn.sub(BigInt(xj), BigInt(xi)))),
      1n,
    ),
  );
}

/**
 * The OPRF output from `threshold` or more answers: every proof checked against its public
 * share (a bad one throws `ProofDoesNotVerify` with the registrar's index), the answers
 * combined, unblinded, hashed.
 */
export function finish(blinding: Blinding, answers: Answer[], threshold: number): Uint8Array {
  if (answers.length < threshold || threshold < 1)
    throw new OprfError({ reason: 'NotEnoughAnswers', have: answers.length, need: threshold });
  const indexes = answers.map((a) => a.share.index);
  indexes.forEach((index, i) => {
    if (indexes.indexOf(index) !== i) throw new OprfError({ reason: 'DuplicateShare', index });
  });
  for (const answer of answers) {
    try {
      // Verifies the DLEQ proof (and throws if it does not hold); the output is the
      // answering share's alone, not the id's.
      ristretto255_oprf.voprf.finalize(
        blinding.input,
        blinding.blind,
        answer.element,
        blinding.blinded,
        answer.share.element,
        answer.proof,
      );
    } catch {
      throw new OprfError({ reason: 'ProofDoesNotVerify', index: answer.share.index });
    }
  }
  const lambdas = lagrangeAtZero(indexes);
  const combined = answers.reduce(
    (sum, answer, i) => sum.add(ristretto255.Point.fromBytes(answer.element).multiply(lambdas[i])),
    ristretto255.Point.ZERO,
  );
  // Unblinding and Finalize's hash do not depend on the mode.
  return ristretto255_oprf.oprf.finalize(blinding.input, blinding.blind, combined.toBytes());
}

/** blake2-256("loanchain/id/v2" || output): the id_hash of an OPRF output. */
export const idHashOf = (output: Uint8Array) =>
  blake2b(concatBytes(utf8ToBytes(ID_DOMAIN), output), { dkLen: 32 });

/**
 * What a registrar signs to ask another registrar's node for an evaluation:
 * blake2-256(REQUEST_DOMAIN ‖ genesis ‖ registrar ‖ blinded ‖ requested_at as u64 LE).
 */
export function requestHash(
  genesis: Uint8Array,
  registrar: Uint8Array,
  blinded: Uint8Array,
  requestedAt: bigint,
): Uint8Array {
  const time = new Uint8Array(8);
  new DataView(time.buffer).setBigUint64(0, requestedAt, true);
  return blake2b(concatBytes(utf8ToBytes(REQUEST_DOMAIN), genesis, registrar, blinded, time), {
    dkLen: 32,
  });
}
