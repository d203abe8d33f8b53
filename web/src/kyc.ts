// A registrar's KYC in the browser (SPEC §2): the id of the number on the document in the
// registrar's hands, computed with the registrars' evaluation services (`oprf_evaluate`) as
// `loanctl id-hash --registrar-rpc …` does. Each request is signed by the registrar's account;
// each answer is checked against the answering registrar's public share read from the chain
// through this app's own node, never from the registrar that answers.
import { WsProvider } from '@polkadot/api';
import { decodeAddress } from '@polkadot/util-crypto';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { connect, nodeUrl, withTimeout } from './chain';
import { normalize, type Kind } from './crypto/identity';
import { blind, finish, idHashOf, oprfInput, requestHash, type Answer } from './crypto/oprf';
import { signMessage } from './wallet';

/** Why no id came out, for the page to say in words. */
export type KycFailure =
  | { reason: 'noThreshold' }
  | { reason: 'tooFewAnswers'; have: number; need: number; refused: string }
  | { reason: 'noShareOnChain'; url: string };

export class KycError extends Error {
  constructor(readonly detail: KycFailure) {
    super(JSON.stringify(detail));
  }
}

interface EvaluationAnswer {
  registrar: string;
  index: number;
  element: string;
  proof: string;
}

/** The registrars' nodes a page asks: this app's node first, then the ones typed in. */
export function registrarNodes(typed: string): string[] {
  const urls = typed
    .split(/[\s,]+/)
    .map((url) => url.trim())
    .filter(Boolean);
  return [...new Set([nodeUrl(), ...urls])];
}

async function evaluate(url: string, request: object): Promise<EvaluationAnswer> {
  const provider = new WsProvider(url, false);
  try {
    await provider.connect();
    await withTimeout(provider.isReady);
    return await withTimeout(provider.send<EvaluationAnswer>('oprf_evaluate', [request]));
  } finally {
    void provider.disconnect();
  }
}

/**
 * The id of `number`, computed by `registrar` (an unlocked account of this app) with the
 * registrars' nodes at `urls`, asked in order until the chain's threshold have answered.
 * Throws InvalidNumberError for a mistyped number, KycError when too few answered, OprfError
 * when an answer's proof does not hold.
 */
export async function registrarIdHash(
  kind: Kind,
  number: string,
  registrar: string,
  urls: string[],
): Promise<Uint8Array> {
  const input = oprfInput(kind, normalize(kind, number));
  const api = await connect();
  const need = Number((await api.query.creditIdentity.oprfThreshold()).toString());
  if (!need) throw new KycError({ reason: 'noThreshold' });
  const genesis = api.genesisHash.toU8a();
  const registrarKey = decodeAddress(registrar);
  const blinding = blind(input);
  const answers: Answer[] = [];
  const refused: string[] = [];
  for (const url of urls) {
    if (answers.length === need) break;
    try {
      const requestedAt = BigInt(Date.now());
      const hash = requestHash(genesis, registrarKey, blinding.blinded, requestedAt);
      const signature = await signMessage(registrar, hash);
      const answer = await evaluate(url, {
        registrar: u8aToHex(registrarKey),
        blinded: u8aToHex(blinding.blinded),
        requestedAt: Number(requestedAt),
        signature: u8aToHex(signature),
      });
      const onChain = (await api.query.creditIdentity.oprfShares(answer.registrar)).toJSON() as {
        index: number;
        element: string;
      } | null;
      if (!onChain || onChain.index !== answer.index)
        throw new KycError({ reason: 'noShareOnChain', url });
      answers.push({
        share: { index: onChain.index, element: hexToU8a(onChain.element) },
        element: hexToU8a(answer.element),
        proof: hexToU8a(answer.proof),
      });
    } catch (error) {
      if (error instanceof KycError) refused.push(url);
      else refused.push(`${url}: ${(error as Error).message ?? error}`);
    }
  }
  if (answers.length < need)
    throw new KycError({
      reason: 'tooFewAnswers',
      have: answers.length,
      need,
      refused: refused.join('; '),
    });
  return idHashOf(finish(blinding, answers, need));
}
