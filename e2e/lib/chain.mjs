// Talking to a Loanchain node the way a company's system would: @polkadot/api for
// transactions, storage and runtime calls, loanctl for the offline cryptography.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { compactToU8a, u8aConcat, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { blake2AsHex, blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { rpc } from '../../js/loanchain-rpc.mjs';
import { startNode } from './node.mjs';

export const LOANCTL = process.env.LOANCTL ?? 'target/release/loanctl';
export const UNIT = 10n ** 12n;

export async function connect(wsUrl) {
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(wsUrl), rpc, noInitWarn: true });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return { api, keyring };
}

/**
 * A dev node (`--dev --tmp`) for one test file: started before its tests, with an
 * @polkadot/api connection (`{ api: false }` for none), and stopped after them, also when a
 * test failed. `onStarted` receives `{ node, api, keyring, alice }` once the node is up, and
 * may set up more (it is awaited): a file's own `before` hooks run beside this one, not
 * after it.
 */
export function devNodeSuite(name, onStarted, { api: withApi = true } = {}) {
  const dev = {};
  before(async () => {
    dev.node = await startNode(['--dev', '--tmp'], { name });
    if (withApi) {
      Object.assign(dev, await connect(dev.node.wsUrl));
      dev.alice = dev.keyring.addFromUri('//Alice');
    }
    await onStarted?.(dev);
  });
  after(async () => {
    await dev.api?.disconnect();
    await dev.node?.stop();
  });
  return dev;
}

/** Runs loanctl; returns stdout, throws with stderr on a non-zero exit. */
export function loanctl(...args) {
  return execFileSync(LOANCTL, args, { encoding: 'utf8' }).trim();
}

/**
 * The arguments of a registrar's KYC (SPEC §2), `loanctl id-hash`: the id of `number`,
 * computed by the registrar `suri` with the evaluation services of the registrars' nodes
 * `registrars` (asked in order until the chain's threshold have answered), the chain read
 * from `node`. On `--dev`, Alice alone.
 */
export function idHashArgs(node, kind, number, { suri = '//Alice', registrars = [node] } = {}) {
  return [
    'id-hash',
    kind === 'Person' ? '--person' : '--enterprise',
    number,
    '--rpc',
    node.wsUrl,
    ...registrars.flatMap((registrar) => ['--registrar-rpc', registrar.wsUrl]),
    '--suri',
    suri,
  ];
}

/** A registrar's KYC: the id of `number` (see `idHashArgs`). */
export function kycId(node, kind, number, options) {
  return loanctl(...idHashArgs(node, kind, number, options));
}

/**
 * `loanctl consent`'s arguments: the borrower `suri`, with its X25519 key in `secretKeyFile`,
 * reads the private consent request in `requestFile`, checks who lends against the chain at
 * `rpc`, and signs.
 */
export const consentArgs = (requestFile, suri, secretKeyFile, rpc) => [
  'consent',
  '--request',
  requestFile,
  '--suri',
  suri,
  '--secret-key',
  secretKeyFile,
  '--rpc',
  rpc,
];

/** Runs loanctl, which may fail; returns { status, stdout, stderr }. */
export function loanctlFails(...args) {
  const r = spawnSync(LOANCTL, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'loanchain-e2e-'));
let keyCounter = 0;

/** A fresh X25519 key pair from loanctl: { secretFile, publicKey }. */
export function x25519() {
  const secretFile = join(scratch, `key-${keyCounter++}.key`);
  const publicKey = loanctl('keygen', '--out', secretFile).trim();
  return { secretFile, publicKey };
}

/**
 * Loan `loanId` opened by `loanctl open` from `node` with the key arguments `keyArgs`
 * (`--secret-key FILE`, with `--viewer ACCOUNT` for a granted viewer): what it prints.
 */
export function openLoan(node, loanId, ...keyArgs) {
  return JSON.parse(loanctl('open', '--rpc', node.wsUrl, '--loan-id', String(loanId), ...keyArgs));
}

/**
 * `terms` with a private lender's statement of who lent (`loanctl lender-of`): signed by the
 * account of the secret URI `suri`, which holds the identity `lenderId`, for its `index`-th
 * per-loan key (`suri//loanchain//lender//index`), the borrower `borrowerId` and the chain of
 * `genesis`.
 */
export function lenderOf(terms, { suri, index, lenderId, borrowerId, genesis }) {
  const file = join(scratch, `terms-${keyCounter++}.json`);
  writeFileSync(file, JSON.stringify(terms));
  return JSON.parse(
    loanctl(
      'lender-of',
      '--details',
      file,
      '--suri',
      suri,
      '--index',
      String(index),
      '--lender-id',
      lenderId,
      '--borrower-id',
      borrowerId,
      '--genesis',
      genesis,
    ),
  );
}

/** Seals loan terms with loanctl: { details, contentKey }. */
export function seal(terms, borrowerId, lenderKey, borrowerKey) {
  const file = join(scratch, `terms-${keyCounter++}.json`);
  writeFileSync(file, JSON.stringify(terms));
  const out = JSON.parse(
    loanctl(
      'seal',
      '--details',
      file,
      '--borrower-id',
      borrowerId,
      '--lender-key',
      lenderKey,
      '--borrower-key',
      borrowerKey,
    ),
  );
  // camelCase: the details are the call's argument as they are.
  return { details: out.details, contentKey: out.contentKey };
}

/**
 * The outcome of loan `loanId` sealed with `loanctl seal-outcome`, as `conclude` takes it:
 * { nonce, ciphertext }. loanctl reads the loan from the node at `rpcUrl` and refuses a key
 * that is not the loan's. `outcome` is `performed` or `breached`; the key is the lender's
 * `{ secretKey: file }` or `{ contentKey }`.
 */
export function sealOutcome(rpcUrl, loanId, outcome, { contentKey, secretKey }) {
  const key = contentKey ? ['--content-key', contentKey] : ['--secret-key', secretKey];
  const sealed = JSON.parse(
    loanctl(
      'seal-outcome',
      '--rpc',
      rpcUrl,
      '--loan-id',
      String(loanId),
      ...key,
      '--outcome',
      outcome,
    ),
  );
  return { nonce: sealed.nonce, ciphertext: sealed.ciphertext };
}

/**
 * The hash `loans.accept` takes for proposal `loanId`, computed from the proposal the
 * chain stores, as a counterparty's software does (SPEC §3): blake2-256 of the SCALE
 * encoding of ("loanchain/proposal/v1", genesis hash, loan id, lender id, borrower id,
 * proposer role, period days, sealed details). `record`: the stored proposal, if at hand.
 */
export async function proposalHash(api, loanId, record) {
  const loan = record ?? (await api.query.loans.loans(loanId)).unwrap();
  const payload = u8aConcat(
    api.createType('Text', 'loanchain/proposal/v1').toU8a(),
    api.genesisHash.toU8a(),
    api.createType('u64', loanId).toU8a(),
    loan.lender.asIdentity.toU8a(),
    loan.borrowerId.toU8a(),
    loan.proposer.toU8a(),
    loan.periodDays.toU8a(),
    loan.details.toU8a(),
  );
  return blake2AsHex(payload, 256);
}

/**
 * What the counterparty signs for `loans.record` (SPEC §3): blake2-256 of the SCALE
 * encoding of ("loanchain/consent/v1", genesis hash, lender id, borrower id, the
 * submitter's role, period days, sealed details, deadline). Each value is encoded as the
 * call's own argument type, from the chain's metadata.
 */
export function consentHash(
  api,
  { lenderId, borrowerId, submitter, periodDays, details, deadline },
) {
  const type = (name) => api.tx.loans.record.meta.args.find((a) => a.name.toString() === name).type;
  return blake2AsU8a(
    u8aConcat(
      api.createType('Text', 'loanchain/consent/v1').toU8a(),
      api.genesisHash.toU8a(),
      api.createType('[u8; 32]', lenderId).toU8a(),
      api.createType('[u8; 32]', borrowerId).toU8a(),
      api.createType(type('role'), submitter).toU8a(),
      api.createType('u32', periodDays).toU8a(),
      api.createType(type('details'), details).toU8a(),
      api.createType('u32', deadline).toU8a(),
    ),
    256,
  );
}

/** What a lender token certifies: SCALE("loanchain/lender-token/v1", genesis, epoch, key). */
export function lenderTokenMessage(api, epoch, lenderKey) {
  return u8aConcat(
    api.createType('Text', 'loanchain/lender-token/v1').toU8a(),
    api.genesisHash.toU8a(),
    api.createType('u32', epoch).toU8a(),
    lenderKey,
  );
}

/**
 * What both parties of a private loan sign (docs/loans.md, "A private lender"): the
 * borrower with its account's key (`signConsent`), the lender with the per-loan key, bare.
 */
export function privateConsentHash(api, { lenderKey, borrowerId, details, deadline }) {
  const detailsType = api.tx.loans.recordPrivate.meta.args.find(
    (a) => a.name.toString() === 'details',
  ).type;
  return blake2AsU8a(
    u8aConcat(
      api.createType('Text', 'loanchain/private-consent/v1').toU8a(),
      api.genesisHash.toU8a(),
      lenderKey,
      api.createType('[u8; 32]', borrowerId).toU8a(),
      api.createType(detailsType, details).toU8a(),
      api.createType('u32', deadline).toU8a(),
    ),
    256,
  );
}

/** What a private lender's per-loan key signs for its act number `index` on a loan. */
export function lenderActHash(api, loanId, index, act) {
  const actType = api.tx.loans.actAsLender.meta.args.find((a) => a.name.toString() === 'act').type;
  return blake2AsU8a(
    u8aConcat(
      api.createType('Text', 'loanchain/lender-act/v1').toU8a(),
      api.genesisHash.toU8a(),
      api.createType('u64', loanId).toU8a(),
      api.createType('u32', index).toU8a(),
      api.createType(actType, act).toU8a(),
    ),
    256,
  );
}

/**
 * What the borrower of a private lender's loan confirms (`loans.confirmSealedExtension`) for
 * the sealed `offer` ({ nonce, ciphertext }, hex) at place `index` of loan `loanId`:
 * blake2-256(SCALE("loanchain/extension/v1", genesis_hash, loan_id, index, nonce,
 * ciphertext)).
 */
export function extensionHash(api, loanId, index, offer) {
  return blake2AsU8a(
    u8aConcat(
      api.createType('Text', 'loanchain/extension/v1').toU8a(),
      api.genesisHash.toU8a(),
      api.createType('u64', loanId).toU8a(),
      api.createType('u32', index).toU8a(),
      api.createType('[u8; 12]', offer.nonce).toU8a(),
      api.createType('[u8; 20]', offer.ciphertext).toU8a(),
    ),
    256,
  );
}

/**
 * `pair`'s consent over `hash` with `deadline`, as `loans.record` takes it:
 * { deadline, signature: { Sr25519 | Ed25519 | Ecdsa: hex } }, signed over
 * `<Bytes>hash</Bytes>` as a browser wallet's `signRaw` signs. `bare` signs the 32 bytes as
 * they are, which the chain refuses (a signature over 32 bare bytes could be a
 * transaction's).
 */
export function signConsent(pair, hash, deadline, { bare = false } = {}) {
  const scheme = { sr25519: 'Sr25519', ed25519: 'Ed25519', ecdsa: 'Ecdsa' }[pair.type];
  const signature = pair.sign(bare ? hash : u8aWrapBytes(hash));
  return { deadline, signature: { [scheme]: u8aToHex(signature) } };
}

/** The check character of an 18-character PRC resident ID number. */
export function personId(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The name of a failed dispatch's error, e.g. "loans.NotTheCounterparty". */
function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return `${meta.section}.${meta.name}`;
  }
  return dispatchError.toString();
}

/**
 * Signs and submits `tx`, waits until it is in a block. Resolves to { events, blockHash }
 * when it succeeded; rejects with an Error whose `.dispatchError` is the error name.
 * `options` are @polkadot/api's signer options (e.g. `{ mode: 1, metadataHash }`).
 */
export function send(api, tx, signer, options = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe;
    tx.signAndSend(signer, options, ({ status, events, dispatchError }) => {
      if (!status.isInBlock && !status.isFinalized) {
        if (status.isInvalid || status.isDropped || status.isUsurped) {
          unsubscribe?.();
          reject(new Error(`transaction ${status.type}`));
        }
        return;
      }
      unsubscribe?.();
      if (dispatchError) {
        const error = new Error(`dispatch failed: ${errorName(api, dispatchError)}`);
        error.dispatchError = errorName(api, dispatchError);
        reject(error);
      } else {
        resolve({
          events: events.map((r) => r.event),
          blockHash: status.isInBlock ? status.asInBlock : status.asFinalized,
        });
      }
    }).then((u) => {
      unsubscribe = u;
    }, reject);
  });
}

const camelCase = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/**
 * The first event `section.method` among `events`, as JSON of its named fields (in
 * camelCase, as @polkadot/api names struct fields).
 */
export function findEvent(events, section, method) {
  const event = events.find((e) => e.section === section && e.method === method);
  if (!event) return undefined;
  const names = event.meta.fields.map((f) => camelCase(f.name.unwrap().toString()));
  return Object.fromEntries(names.map((n, i) => [n, event.data[i].toJSON()]));
}

/** The fee `who` paid for the transaction whose `events` these are, as a BigInt. */
export function feePaid(events, who) {
  const fee = findEvent(events, 'transactionPayment', 'TransactionFeePaid');
  if (fee?.who !== who) throw new Error(`no fee paid by ${who} among the events`);
  return BigInt(fee.actualFee);
}

/** Waits for an event in new blocks, up to `timeoutMs`; resolves to its fields. */
export async function waitForEvent(api, section, method, predicate, timeoutMs) {
  return new Promise((resolve, reject) => {
    let unsubscribe;
    const timer = setTimeout(() => {
      unsubscribe?.();
      reject(new Error(`no ${section}.${method} within ${timeoutMs} ms`));
    }, timeoutMs);
    api.query.system
      .events((records) => {
        for (const { event } of records) {
          if (event.section !== section || event.method !== method) continue;
          const fields = findEvent([event], section, method);
          if (predicate(fields)) {
            clearTimeout(timer);
            unsubscribe?.();
            resolve(fields);
            return;
          }
        }
      })
      .then((u) => {
        unsubscribe = u;
      }, reject);
  });
}

/** The identity `address` holds on chain: { idHash, encryptionKey } as 0x-hex. */
export async function identityOf(api, address) {
  const record = (await api.query.creditIdentity.identities(address)).unwrap();
  return { idHash: record.idHash.toHex(), encryptionKey: record.encryptionKey.toHex() };
}

/**
 * `lender` proposes `terms` (sealed with loanctl to both parties' registered keys) to
 * `borrower` as Lender, for `terms.period_days` days. `lender` and `borrower` are keyring
 * pairs. Resolves to { loanId, sealed, borrowerId, proposed } (`proposed`: what `send`
 * resolved to, with the `LoanProposed` event and the block hash).
 */
export async function proposeLoan(api, { lender, borrower, terms }) {
  const [lent, borrowed] = [
    await identityOf(api, lender.address),
    await identityOf(api, borrower.address),
  ];
  const sealed = seal(terms, borrowed.idHash, lent.encryptionKey, borrowed.encryptionKey);
  const proposed = await send(
    api,
    api.tx.loans.propose(borrower.address, 'Lender', terms.period_days, sealed.details),
    lender,
  );
  const { loanId } = findEvent(proposed.events, 'loans', 'LoanProposed');
  return { loanId, sealed, borrowerId: borrowed.idHash, proposed };
}

/**
 * An active loan between two verified parties: `lender` proposes (`proposeLoan`) and
 * `borrower` accepts. Resolves to { loanId, sealed, borrowerId, accepted } (`accepted`:
 * what `send` resolved to for the accept, with its block hash).
 */
export async function activeLoan(api, { lender, borrower, terms }) {
  const { loanId, sealed, borrowerId } = await proposeLoan(api, { lender, borrower, terms });
  const hash = await proposalHash(api, loanId);
  const accepted = await send(api, api.tx.loans.accept(loanId, hash), borrower);
  return { loanId, sealed, borrowerId, accepted };
}

/**
 * What `address` has on hold for the loans pallet's hold `reason` ('AccessPayment',
 * 'ProposalDeposit' or 'RequestDeposit'), as a BigInt.
 */
export async function heldFor(api, address, reason) {
  const holds = await api.query.balances.holds(address);
  return holds
    .filter((hold) => hold.id.isLoans && hold.id.asLoans.toString() === reason)
    .reduce((sum, hold) => sum + hold.amount.toBigInt(), 0n);
}

/** Free and held balance of `address`, as BigInts. */
export async function balance(api, address) {
  const { data } = await api.query.system.account(address);
  return { free: data.free.toBigInt(), reserved: data.reserved.toBigInt() };
}

/**
 * A general transaction (extrinsic v5, no signer) of `call`, as `author_submitExtrinsic`
 * takes it: the version byte (5, general), the extension version (0), each transaction
 * extension's explicit data at its default — an immortal era, nonce and tip 0, no metadata
 * hash: none applies to a transaction no account signs — read from the chain's metadata,
 * then the call. @polkadot/api 16.5 signs v4 only, so clients encode this themselves; the
 * chain's `AuthorizeCall` lets a call that authorises itself in.
 */
export function generalTransaction(api, call) {
  const extensions =
    api.registry.metadata.extrinsic.transactionExtensions ??
    api.registry.metadata.extrinsic.signedExtensions;
  const explicit = extensions.map((extension) =>
    api.createType(api.registry.createLookupType(extension.type)).toU8a(),
  );
  const body = u8aConcat(new Uint8Array([0b0100_0000 | 5, 0]), ...explicit, call.method.toU8a());
  return u8aToHex(u8aConcat(compactToU8a(body.length), body));
}
