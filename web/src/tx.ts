// Sending a transaction and showing how far it got: signed, in a block, finalized — or why
// it failed, in the words of the pallet error's own documentation from the chain's metadata.
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import { connect } from './chain';
import { h } from './dom';
import { t } from './i18n';
import { signerFor } from './wallet';

export type Stage = 'signing' | 'sent' | 'inBlock' | 'finalized' | 'failed';

/** A failed dispatch in words: the error's documentation, then its name. */
export function describeDispatchError(api: ApiPromise, error: DispatchError): string {
  if (error.isModule) {
    const { section, name, docs } = api.registry.findMetaError(error.asModule);
    const words = docs.join(' ').trim();
    return words ? `${words} (${section}.${name})` : `${section}.${name}`;
  }
  if (error.isToken) return t('tokenError', { reason: error.asToken.type });
  if (error.isArithmetic) return t('arithmeticError', { reason: error.asArithmetic.type });
  return error.type;
}

/**
 * Makes the transaction (`makeTx`), signs it with `address` and submits it, writing each
 * stage into `status` (an element with `data-stage`, which the tests wait on). Resolves to
 * the events of the block that included it once it is in a block and succeeded; rejects
 * with the failure in words, which `status` shows too — a transaction that cannot even be
 * made (bad input, a locked account) included.
 */
export async function send(
  makeTx: (
    api: ApiPromise,
  ) => SubmittableExtrinsic<'promise'> | Promise<SubmittableExtrinsic<'promise'>>,
  address: string,
  status: HTMLElement,
): Promise<EventRecord[]> {
  const show = (stage: Stage, text: string) => {
    status.dataset.stage = stage;
    status.className = `tx ${stage}`;
    status.textContent = text;
  };
  const failure = (message: string) => {
    show('failed', t('txFailed', { message }));
    return new Error(message);
  };
  show('signing', t('txSigning'));
  const api = await connect();
  let tx: SubmittableExtrinsic<'promise'>;
  let signing: Awaited<ReturnType<typeof signerFor>>;
  try {
    tx = await makeTx(api);
    signing = await signerFor(address);
  } catch (error) {
    throw failure(error instanceof Error ? error.message : String(error));
  }
  const { account, signer } = signing;
  return new Promise((resolve, reject) => {
    const fail = (message: string) => reject(failure(message));
    let settled = false;
    tx.signAndSend(account, { signer }, ({ status: txStatus, events, dispatchError }) => {
      if (txStatus.isReady || txStatus.isBroadcast) show('sent', t('txSent'));
      if (txStatus.isInvalid || txStatus.isDropped || txStatus.isUsurped) {
        fail(t('txRejected', { reason: txStatus.type }));
        return;
      }
      if (txStatus.isInBlock && !settled) {
        settled = true;
        if (dispatchError) {
          fail(describeDispatchError(api, dispatchError));
          return;
        }
        show('inBlock', t('txInBlock', { block: txStatus.asInBlock.toHex().slice(0, 10) }));
        resolve(events);
      }
      if (txStatus.isFinalized && !dispatchError) {
        show('finalized', t('txFinalized', { block: txStatus.asFinalized.toHex().slice(0, 10) }));
      }
    }).catch((error: Error) => fail(error.message));
  });
}

/** An empty status line for `send`. */
export const txStatus = () =>
  h('p', { class: 'tx', 'data-testid': 'tx-status', role: 'status', 'aria-live': 'polite' });
