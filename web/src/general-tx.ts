// A private lender's transactions: authorised general transactions (extrinsic v5) that no
// account signs and none pays for (docs/loans.md, "A private lender"). @polkadot/api 16.5
// signs extrinsic v4 only, so the app encodes them here — the call in the runtime's own
// types, the transaction extensions' explicit data at their defaults, read from the
// metadata — submits them over raw JSON-RPC and follows them into a block, as
// `loanctl record-private` and `lender-act` do. The status line is `send`'s (./tx), with
// the same stages, so a page shows both kinds alike.
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Vec } from '@polkadot/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import { BN, compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { connect, rawRpc } from './chain';
import { dispatchErrorWords, poolRejectionWords } from './chain-errors';
import { t } from './i18n';
import { describeDispatchError, statusLine } from './tx';

/** Extrinsic format version 5, the general kind (bits 6-7: 0b01), then extension version 0. */
const GENERAL_V5 = Uint8Array.of(0b0100_0000 | 5, 0);
/** How many blocks a submitted transaction is followed before the app gives up on it. */
const FOLLOW_BLOCKS = 30;

/**
 * The general transaction of `call`, hex-encoded as `author_submitExtrinsic` takes it: the
 * version bytes, each transaction extension's explicit data at its default (an immortal
 * era, nonce and tip 0, no metadata hash: none applies to a transaction no account signs),
 * then the call. The chain's `AuthorizeCall` lets in a call that authorises itself.
 */
export function generalTransaction(api: ApiPromise, call: SubmittableExtrinsic<'promise'>) {
  const extrinsic = api.registry.metadata.extrinsic as unknown as {
    transactionExtensions?: { type: { toNumber(): number } }[];
    signedExtensions: { type: { toNumber(): number } }[];
  };
  const extensions = extrinsic.transactionExtensions ?? extrinsic.signedExtensions;
  const explicit = extensions.map((extension) =>
    api.createType(api.registry.createLookupType(extension.type.toNumber())).toU8a(),
  );
  const body = u8aConcat(GENERAL_V5, ...explicit, call.method.toU8a());
  return u8aToHex(u8aConcat(compactToU8a(body.length), body));
}

/**
 * The node's refusal of a general transaction in words: its pallet's error when the call's
 * own check refused it (`InvalidTransaction::Custom(index)`, the index in `loans`' `Error`).
 */
function refusalWords(api: ApiPromise, error: { message?: string; data?: string }): string {
  const text = `${error.message ?? ''} ${error.data ?? ''}`;
  const custom = /Custom error: (\d+)/.exec(text);
  const loans = api.runtimeMetadata.asLatest.pallets.find((p) => p.name.eq('Loans'));
  if (custom && loans) {
    try {
      const { section, name, docs } = api.registry.findMetaError({
        index: new BN(loans.index.toNumber()),
        error: new BN(Number(custom[1])),
      });
      return dispatchErrorWords(section, name, docs.join(' ').trim());
    } catch {
      // Not an error of the pallet: said as the node said it.
    }
  }
  return poolRejectionWords(text.trim());
}

/** The block, after `from`, that includes the extrinsic of `hash`, and its position there. */
async function inclusion(
  api: ApiPromise,
  hash: string,
  from: number,
): Promise<{ block: string; index: number } | undefined> {
  let next = from + 1;
  for (let waited = 0; next <= from + FOLLOW_BLOCKS; waited++) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    for (; next <= best; next++) {
      const block = (await api.rpc.chain.getBlockHash(next)).toHex();
      const body = await rawRpc<{ block: { extrinsics: string[] } }>('chain_getBlock', [block]);
      const index = body.block.extrinsics.findIndex((xt) => blake2AsHex(hexToU8a(xt)) === hash);
      if (index >= 0) return { block, index };
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return undefined;
}

/**
 * Submits `makeCall`'s call as a general transaction and follows it into a block, writing
 * each stage into a new status line in `log` (as `send` does). Resolves to the
 * transaction's own events once a block included it and it succeeded; rejects with the
 * failure in words — the node's refusal names the pallet's error, as does `failedIn` when
 * it finds a failure in the events of a transaction that was included (a lender's act that
 * failed is included, and says so in an event).
 */
export async function submitGeneral(
  makeCall: (
    api: ApiPromise,
  ) => SubmittableExtrinsic<'promise'> | Promise<SubmittableExtrinsic<'promise'>>,
  log: HTMLElement,
  failedIn: (api: ApiPromise, events: EventRecord[]) => string | undefined = () => undefined,
): Promise<EventRecord[]> {
  const { line, show, failure } = statusLine(log);
  let api: ApiPromise;
  let encoded: string;
  try {
    api = await connect();
    const call = await makeCall(api);
    line.dataset.call = `${call.method.section}.${call.method.method}`;
    encoded = generalTransaction(api, call);
  } catch (error) {
    throw failure(error instanceof Error ? error.message : String(error));
  }
  const from = (await api.rpc.chain.getHeader()).number.toNumber();
  let hash: string;
  try {
    hash = await rawRpc<string>('author_submitExtrinsic', [encoded]);
  } catch (error) {
    throw failure(refusalWords(api, error as { message?: string; data?: string }));
  }
  show('sent', t('txSent'));
  const included = await inclusion(api, hash, from);
  if (!included) throw failure(t('txNotIncluded', { blocks: FOLLOW_BLOCKS }));
  const records = (await (
    await api.at(included.block)
  ).query.system.events()) as unknown as Vec<EventRecord>;
  const events = records.filter(
    ({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eq(included.index),
  );
  const failed = events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
  if (failed) {
    throw failure(
      describeDispatchError(
        api,
        (failed.event as unknown as { data: [Parameters<typeof describeDispatchError>[1]] })
          .data[0],
      ),
    );
  }
  const refused = failedIn(api, events);
  if (refused) throw failure(refused);
  show('inBlock', t('txInBlock', { block: included.block.slice(0, 10) }));
  return events;
}
