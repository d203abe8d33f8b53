// Sending a transaction and showing how far it got: signed, in a block, finalized — or why
// it failed, in words (the app's own for the chain's errors, see ./chain-errors).
//
// Every transaction has its own status line, and the transactions of one account are sent
// one after the other: the next one is signed only once the one before reached the pool,
// with the nonce after it, so two clicks within a block never share a nonce (the second
// would be rejected while its line showed the first one's progress).
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import { connect } from './chain';
import { dispatchErrorWords, poolRejectionWords } from './chain-errors';
import { h } from './dom';
import { t } from './i18n';
import { signerFor } from './wallet';

export type Stage = 'signing' | 'queued' | 'sent' | 'inBlock' | 'finalized' | 'failed';

/** A failed dispatch in words: the app's sentence for the error, then its name. */
export function describeDispatchError(api: ApiPromise, error: DispatchError): string {
  if (error.isModule) {
    const { section, name, docs } = api.registry.findMetaError(error.asModule);
    return dispatchErrorWords(section, name, docs.join(' ').trim());
  }
  if (error.isToken) return t('tokenError', { reason: error.asToken.type });
  if (error.isArithmetic) return t('arithmeticError', { reason: error.asArithmetic.type });
  return error.type;
}

/** Per account: the turn of the last transaction handed to the pool, and its nonce. */
const queues = new Map<string, Promise<void>>();
const lastNonce = new Map<string, bigint>();

/** The nonce for the account's next transaction: after the chain's and the pool's, and ours. */
async function nextNonce(api: ApiPromise, address: string): Promise<bigint> {
  const chain = (await api.rpc.system.accountNextIndex(address)).toBigInt();
  const ours = lastNonce.get(address);
  return ours === undefined || chain > ours ? chain : ours + 1n;
}

/**
 * A new status line for a transaction in `log` (lines of transactions that are over are
 * cleared first), at its first stage, signing: `show` moves it on, `failure` shows the
 * failure in words and returns it as an Error to throw.
 */
export function statusLine(log: HTMLElement) {
  for (const line of log.querySelectorAll<HTMLElement>('.tx[data-stage]')) {
    if (['inBlock', 'finalized', 'failed'].includes(line.dataset.stage!)) line.remove();
  }
  const line = h('p', { class: 'tx', 'data-testid': 'tx-status' });
  log.append(line);
  const show = (stage: Stage, text: string) => {
    line.dataset.stage = stage;
    line.className = `tx ${stage}`;
    line.textContent = text;
  };
  const failure = (message: string) => {
    show('failed', t('txFailed', { message }));
    return new Error(message);
  };
  show('signing', t('txSigning'));
  return { line, show, failure };
}

/**
 * Makes the transaction (`makeTx`), signs it with `address` (with `pair`, when given: a key
 * the wallet does not list, such as a private lender's per-loan key) and submits it, writing each
 * stage into a new status line in `log` (see `txStatus`; a line has `data-stage`, which the
 * tests wait on, and `data-call`). Lines of transactions that are over are cleared first.
 * Resolves to the events of the block that included it once it is in a block and
 * succeeded; rejects with the failure in words, which its line shows too — a transaction
 * that cannot even be made (bad input, a locked account) included.
 */
export async function send(
  makeTx: (
    api: ApiPromise,
  ) => SubmittableExtrinsic<'promise'> | Promise<SubmittableExtrinsic<'promise'>>,
  address: string,
  log: HTMLElement,
  pair?: KeyringPair,
): Promise<EventRecord[]> {
  const { line, show, failure } = statusLine(log);
  let api: ApiPromise;
  let tx: SubmittableExtrinsic<'promise'>;
  let signing: Awaited<ReturnType<typeof signerFor>>;
  try {
    api = await connect();
    tx = await makeTx(api);
    line.dataset.call = `${tx.method.section}.${tx.method.method}`;
    signing = pair ? { account: pair } : await signerFor(address);
  } catch (error) {
    throw failure(error instanceof Error ? error.message : String(error));
  }
  const { account, signer } = signing;

  // Wait for the account's transaction before this one to reach the pool (or fail).
  const before = queues.get(address) ?? Promise.resolve();
  let handedOver!: () => void;
  const turn = new Promise<void>((resolve) => (handedOver = resolve));
  queues.set(address, turn);
  if (line.dataset.stage === 'signing') show('queued', t('txQueued'));
  await before;
  show('signing', t('txSigning'));

  return new Promise((resolve, reject) => {
    let over = false;
    const fail = (message: string) => {
      handedOver();
      if (over) return;
      over = true;
      reject(failure(message));
    };
    const go = async () => {
      const nonce = await nextNonce(api, address);
      await tx.signAndSend(account, { signer, nonce }, (result) => {
        const { status, events, dispatchError } = result;
        if (status.isReady || status.isBroadcast) {
          lastNonce.set(address, nonce);
          handedOver();
          if (!over) show('sent', t('txSent'));
        }
        if (status.isInvalid || status.isDropped || status.isUsurped) {
          // It will not be included: its nonce is free again.
          if (lastNonce.get(address) === nonce) lastNonce.delete(address);
          fail(t('txRejected', { reason: status.type }));
          return;
        }
        if (status.isInBlock && !over) {
          if (dispatchError) {
            fail(describeDispatchError(api, dispatchError));
            return;
          }
          over = true;
          show('inBlock', t('txInBlock', { block: status.asInBlock.toHex().slice(0, 10) }));
          resolve(events);
        }
        if (status.isFinalized && !dispatchError && line.dataset.stage !== 'failed') {
          show('finalized', t('txFinalized', { block: status.asFinalized.toHex().slice(0, 10) }));
        }
      });
    };
    go().catch((error: Error) => fail(poolRejectionWords(error.message)));
  });
}

/**
 * Where `send` writes: one status line per transaction (read aloud as it changes). A
 * container the transactions of one form or button share.
 */
export const txStatus = () => h('div', { class: 'tx-log', role: 'status', 'aria-live': 'polite' });
