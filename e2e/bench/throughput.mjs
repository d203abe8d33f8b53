// Loan operations vs balance transfers: extrinsics per second included in blocks, on one
// release dev node.
//
//   node bench/throughput.mjs <spec.json> <accounts> [pairs] [token-key.pem]
//
// <spec.json> comes from `loanchain-bench-state --loans 0 --accounts <accounts>` (with
// `--token-key <modulus> --lender-tokens <pairs>` for phase 6): accounts
// `//bench//0…` are funded and verified; the first half are borrowers, the rest lenders.
// Five phases run against the same node, one after the other:
//   1. `pairs` × Loans.propose, lenders to borrowers, each lender proposing in turn;
//   2. `pairs` × Loans.accept of those proposals by their borrowers;
//   3. 2 × `pairs` × Balances.transfer_keep_alive among the same accounts;
//   4. `pairs` × Loans.record, each lender submitting with its borrower's consent (sr25519,
//      signed here as the borrower's app would);
//   5. `pairs` loans recorded in Utility.batch_all batches of 100, one lender each;
//   6. with <token-key.pem>: `pairs` × Loans.record_private (docs/loans.md, "A private
//      lender"), general transactions no account signs: each loan a per-loan key
//      (`//bench//lender//j`), a lender token of Alice's key of epoch 0 (signed here with
//      the key's secret half, as a finalized blind signature is: the spec counts them as
//      issued) and the borrower's consent;
//   7. with <token-key.pem>: 2 × `pairs` more private records, in
//      Loans.record_private_batch transactions of 100 (keys `//bench//lender//pairs+j`), so
//      that several blocks are full of them.
// Private records carry details of the 512-byte class: the terms and the lender's signed
// statement of who lent (docs/privacy.md) padded to 512 bytes, 528 of ciphertext.
// Each phase signs all its transactions first (not timed), submits them all, and waits
// until every one is in a block; every extrinsic must succeed. A phase's sustained rate is
// what its full blocks hold per second of chain time (block timestamps): the blocks whose
// ordinary-transaction weight, or whose length, left no room for one more of the phase's
// extrinsics (the heaviest, the longest of the block). Blocks
// that the submission had not caught up with, and the last, partly filled one, are left
// out. Its overall rate counts everything.
// The two-step loan rate combines proposals and acceptances (harmonic mean: as many of
// each); the ratios compare sustained rates, in loans (not extrinsics) per second for the
// batches. Prints one JSON object.
import { constants, createPrivateKey, sign as rsaSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { LOOPBACK_NODE_KEY, startNode, sleep } from '../lib/node.mjs';
import {
  connect,
  consentHash,
  generalTransaction,
  lenderTokenMessage,
  privateConsentHash,
  proposalHash,
  signConsent,
  UNIT,
} from '../lib/chain.mjs';

const [specPath, accountsArg, pairsArg, tokenKeyPath] = process.argv.slice(2);
if (!specPath || !accountsArg) {
  console.error('usage: node bench/throughput.mjs <spec.json> <accounts> [pairs] [token-key.pem]');
  process.exit(2);
}
const accounts = Number(accountsArg);
const pairs = Number(pairsArg ?? 8000);
const DETAILS_PLAINTEXT = 256; // as `loanchain-bench-state --details-len` and bench-query
const PRIVATE_DETAILS_PLAINTEXT = 512; // the terms and the lender's statement, padded
const SUBMIT_CONCURRENCY = 256;
const BATCH = 100;

const basePath = mkdtempSync(join(tmpdir(), 'loanchain-bench-tps-'));
const node = await startNode(
  [
    '--chain',
    specPath,
    '--alice',
    '--validator',
    '--base-path',
    basePath,
    '--node-key',
    LOOPBACK_NODE_KEY,
    '--pool-limit',
    '1000000',
    '--pool-kbytes',
    '2000000',
    '--rpc-max-connections',
    '1000',
  ],
  { name: 'bench-throughput', startTimeoutMs: 300_000 },
);
const { api, keyring } = await connect(node.wsUrl);

try {
  const pairsOf = Array.from({ length: accounts }, (_, i) => keyring.addFromUri(`//bench//${i}`));
  const borrowers = pairsOf.slice(0, accounts / 2);
  const lenders = pairsOf.slice(accounts / 2);
  const nonces = new Map(pairsOf.map((p) => [p.address, 0]));
  const nextNonce = (pair) => {
    const n = nonces.get(pair.address);
    nonces.set(pair.address, n + 1);
    return n;
  };
  const sign = (tx, pair) => tx.signAsync(pair, { nonce: nextNonce(pair), era: 0 });

  // Typical sealed details: 256 bytes of terms + the 16-byte tag, two 80-byte envelopes.
  // Random bytes: the chain never decrypts them, it hashes and stores them.
  const random = (n) => u8aToHex(crypto.getRandomValues(new Uint8Array(n)));
  const details = {
    nonce: random(12),
    ciphertext: random(DETAILS_PLAINTEXT + 16),
    keyCommitment: random(32),
    lenderEnvelope: random(80),
    borrowerEnvelope: random(80),
  };

  // Phase 1: proposals. Loan j: lender j mod L to borrower j mod B.
  const proposals = [];
  for (let j = 0; j < pairs; j++) {
    const lender = lenders[j % lenders.length];
    const borrower = borrowers[j % borrowers.length];
    proposals.push(
      await sign(api.tx.loans.propose(borrower.address, 'Lender', 365, details), lender),
    );
  }
  const propose = await runPhase(
    'loans.propose',
    proposals,
    (event) => event.section === 'loans' && event.method === 'LoanProposed',
  );

  // Phase 2: each borrower accepts the proposals made to it, signing each one's proposal
  // hash (computed from the stored proposal, as a wallet would).
  const accepts = [];
  const byAddress = new Map(borrowers.map((b) => [b.address, b]));
  const ids = propose.events.map((event) => event.data[0]);
  const records = [];
  for (let i = 0; i < ids.length; i += 500)
    records.push(...(await api.query.loans.loans.multi(ids.slice(i, i + 500))));
  for (const [i, event] of propose.events.entries()) {
    const [loanId, , borrower] = event.data;
    const hash = await proposalHash(api, loanId, records[i].unwrap());
    accepts.push(await sign(api.tx.loans.accept(loanId, hash), byAddress.get(borrower.toString())));
  }
  if (accepts.length !== pairs)
    throw new Error(`${accepts.length} proposals seen, expected ${pairs}`);
  const accept = await runPhase(
    'loans.accept',
    accepts,
    (event) => event.section === 'loans' && event.method === 'LoanActivated',
  );

  // Phase 3: as many transfers as loan extrinsics, every account sending in turn.
  const transfers = [];
  for (let j = 0; j < 2 * pairs; j++) {
    const from = pairsOf[j % accounts];
    const to = pairsOf[(j + 1) % accounts];
    transfers.push(await sign(api.tx.balances.transferKeepAlive(to.address, UNIT), from));
  }
  const transfer = await runPhase(
    'balances.transfer_keep_alive',
    transfers,
    (event) => event.section === 'balances' && event.method === 'Transfer',
  );

  // Loan operations are half proposals, half acceptances: their combined rate is the
  // harmonic mean of the two.
  const loanRate = 2 / (1 / propose.sustained + 1 / accept.sustained);
  const transferRate = transfer.sustained;
  const overallLoanRate = (2 * pairs) / (propose.seconds + accept.seconds);

  // Phase 4: single `record`s. Loan j: lender j mod L records for borrower j mod B, with
  // details of its own (a fresh nonce) and the borrower's consent.
  const deadline = (await api.rpc.chain.getHeader()).number.toNumber() + 14_400;
  const genesisIds = new Map();
  const idOf = async (pair) => {
    if (!genesisIds.has(pair.address))
      genesisIds.set(
        pair.address,
        (await api.query.creditIdentity.identities(pair.address)).unwrap().idHash.toHex(),
      );
    return genesisIds.get(pair.address);
  };
  const recordCall = async (lender, borrower) => {
    const own = { ...details, nonce: random(12) };
    const hash = consentHash(api, {
      lenderId: await idOf(lender),
      borrowerId: await idOf(borrower),
      submitter: 'Lender',
      periodDays: 365,
      details: own,
      deadline,
    });
    const consent = signConsent(borrower, hash, deadline);
    return api.tx.loans.record(borrower.address, 'Lender', 365, own, consent);
  };
  const singles = [];
  for (let j = 0; j < pairs; j++) {
    const lender = lenders[j % lenders.length];
    const call = await recordCall(lender, borrowers[j % borrowers.length]);
    singles.push(await sign(call, lender));
  }
  const isRecorded = (event) => event.section === 'loans' && event.method === 'LoanRecorded';
  const record = await runPhase('loans.record', singles, isRecorded);

  // Phase 5: the same number of loans in batches of 100, each batch from one lender.
  const signedBatches = [];
  for (let b = 0; b < Math.floor(pairs / BATCH); b++) {
    const lender = lenders[b % lenders.length];
    const calls = [];
    for (let k = 0; k < BATCH; k++)
      calls.push(await recordCall(lender, borrowers[(b * BATCH + k) % borrowers.length]));
    signedBatches.push(await sign(api.tx.utility.batchAll(calls), lender));
  }
  const batched = await runPhase(
    'utility.batch_all(100 × loans.record)',
    signedBatches,
    isRecorded,
    signedBatches.length * BATCH,
  );

  // Phase 6: private records. Loan j: per-loan key `//bench//lender//j` lends to borrower
  // j mod B; the borrower signs the private consent with its account, the key signs it too.
  async function privateRecords() {
    const registrar = createPrivateKey(readFileSync(tokenKeyPath));
    const alice = keyring.addFromUri('//Alice');
    const recordArgs = async (j) => {
      const lenderKey = keyring.addFromUri(`//bench//lender//${j}`);
      const borrower = borrowers[j % borrowers.length];
      const randomizer = crypto.getRandomValues(new Uint8Array(32));
      const message = lenderTokenMessage(api, 0, lenderKey.publicKey);
      const token = {
        issuer: alice.address,
        epoch: 0,
        randomizer: u8aToHex(randomizer),
        signature: u8aToHex(
          rsaSign('sha384', u8aConcat(randomizer, message), {
            key: registrar,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: 48,
          }),
        ),
      };
      const own = {
        ...details,
        nonce: random(12),
        ciphertext: random(PRIVATE_DETAILS_PLAINTEXT + 16),
      };
      const hash = privateConsentHash(api, {
        lenderKey: lenderKey.publicKey,
        borrowerId: await idOf(borrower),
        details: own,
        deadline,
      });
      return {
        borrower: borrower.address,
        details: own,
        consent: signConsent(borrower, hash, deadline),
        lender: {
          token,
          key: u8aToHex(lenderKey.publicKey),
          signature: u8aToHex(lenderKey.sign(hash)),
        },
      };
    };
    const isPrivate = (event) =>
      event.section === 'loans' && event.method === 'PrivateLoanRecorded';
    // @polkadot/api 16.5 decodes what it submits, and knows extrinsic v4 only.
    const submitRaw = (hex) => node.rpc('author_submitExtrinsic', [hex]);
    const singles = [];
    for (let j = 0; j < pairs; j++) {
      const r = await recordArgs(j);
      singles.push(
        generalTransaction(
          api,
          api.tx.loans.recordPrivate(r.borrower, r.details, r.consent, r.lender),
        ),
      );
    }
    const single = await runPhase(
      'loans.record_private',
      singles,
      isPrivate,
      singles.length,
      submitRaw,
    );
    const batches = [];
    for (let b = 0; b < Math.floor((2 * pairs) / BATCH); b++) {
      const records = [];
      for (let k = 0; k < BATCH; k++) records.push(await recordArgs(pairs + b * BATCH + k));
      batches.push(generalTransaction(api, api.tx.loans.recordPrivateBatch(records)));
    }
    const batched = await runPhase(
      'loans.record_private_batch(100)',
      batches,
      isPrivate,
      batches.length * BATCH,
      submitRaw,
    );
    return { single, batched };
  }

  // Phases 6 and 7: private records, singly and in batches.
  const privately = tokenKeyPath ? await privateRecords() : undefined;
  console.log(
    JSON.stringify({
      pairs,
      accounts,
      propose: propose.summary,
      accept: accept.summary,
      transfer: transfer.summary,
      loan_ops_per_s: round(loanRate),
      transfers_per_s: round(transferRate),
      ratio: Math.round((loanRate / transferRate) * 1000) / 1000,
      overall_loan_ops_per_s: round(overallLoanRate),
      overall_transfers_per_s: round(transfers.length / transfer.seconds),
      record: record.summary,
      batch_all_100: batched.summary,
      records_per_s: round(record.sustained),
      record_ratio: Math.round((record.sustained / transferRate) * 1000) / 1000,
      batched_records_per_s: round(batched.sustained),
      batched_record_ratio: Math.round((batched.sustained / transferRate) * 1000) / 1000,
      ...(privately && {
        record_private: privately.single.summary,
        record_private_batch_100: privately.batched.summary,
        private_records_per_s: round(privately.single.sustained),
        private_record_ratio: Math.round((privately.single.sustained / transferRate) * 1000) / 1000,
        batched_private_records_per_s: round(privately.batched.sustained),
        batched_private_record_ratio:
          Math.round((privately.batched.sustained / transferRate) * 1000) / 1000,
      }),
      loans_per_day: {
        record: Math.round(record.sustained * 86_400),
        batch_all_100: Math.round(batched.sustained * 86_400),
        ...(privately && {
          record_private: Math.round(privately.single.sustained * 86_400),
          record_private_batch_100: Math.round(privately.batched.sustained * 86_400),
        }),
      },
    }),
  );
} finally {
  await api.disconnect();
  await node.stop();
  rmSync(basePath, { recursive: true, force: true });
}

function round(x) {
  return Math.round(x * 10) / 10;
}

/**
 * Submits `signed` (with `submit`), waits until `expected` events (one per extrinsic by default) are in
 * blocks, returns the phase's timing and events; rates count events.
 */
async function runPhase(
  name,
  signed,
  isOurs,
  expected = signed.length,
  submit = (tx) => api.rpc.author.submitExtrinsic(tx),
) {
  const firstBlock = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
  let submitted = 0;
  const submitAll = (async () => {
    for (let i = 0; i < signed.length; i += SUBMIT_CONCURRENCY) {
      await Promise.all(signed.slice(i, i + SUBMIT_CONCURRENCY).map(submit));
      submitted = Math.min(signed.length, i + SUBMIT_CONCURRENCY);
    }
  })();
  const events = [];
  const blocks = [];
  let number = firstBlock;
  const deadline = Date.now() + 30 * 60_000;
  while (events.length < expected) {
    if (Date.now() > deadline)
      throw new Error(
        `${name}: ${events.length}/${expected} included in 30 min; log ${node.logFile}`,
      );
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    if (number > best) {
      await sleep(200);
      continue;
    }
    const hash = await api.rpc.chain.getBlockHash(number);
    const at = await api.at(hash);
    const [records, now, weight, body] = await Promise.all([
      at.query.system.events(),
      at.query.timestamp.now(),
      at.query.system.blockWeight(),
      node.rpc('chain_getBlock', [hash.toHex()]),
    ]);
    // Each extrinsic's length as the runtime counts it (`System::AllExtrinsicsLen`): its
    // encoding, with its length prefix.
    const lengths = body.block.extrinsics.map((hex) => (hex.length - 2) / 2);
    const failed = records.filter(
      ({ event }) => event.section === 'system' && event.method === 'ExtrinsicFailed',
    );
    if (failed.length)
      throw new Error(`${name}: ${failed.length} failed extrinsics in block #${number}`);
    const ours = records.filter(({ event }) => isOurs(event)).map(({ event }) => event);
    // The heaviest extrinsic of the block, as charged (call, checks and fee charge).
    const heaviest = Math.max(
      0,
      ...records
        .filter(
          ({ event, phase }) =>
            phase.isApplyExtrinsic &&
            event.section === 'system' &&
            event.method === 'ExtrinsicSuccess',
        )
        .map(({ event }) => event.data[0].weight.refTime.toNumber()),
    );
    events.push(...ours);
    blocks.push({
      number,
      included: ours.length,
      time: now.toNumber(),
      normal: weight.normal.refTime.toNumber(),
      heaviest,
      length: lengths.reduce((sum, n) => sum + n, 0),
      longest: Math.max(0, ...lengths),
    });
    number++;
  }
  await submitAll;
  const used = blocks.filter((b) => b.included > 0);
  const first = used[0];
  const last = used[used.length - 1];
  const before =
    first.number > 1
      ? (
          await (
            await api.at(await api.rpc.chain.getBlockHash(first.number - 1))
          ).query.timestamp.now()
        ).toNumber()
      : first.time - 6000;
  const seconds = (last.time - before) / 1000;
  // Sustained rate: the blocks the phase filled, i.e. all but its last, which takes the
  // remainder. With whole 6-second blocks, the overall rate depends on how the count
  // happens to divide into blocks; the sustained one does not.
  // Full: one more extrinsic like the heaviest would have passed the normal-class weight
  // limit, or one more like the longest its length limit (counted over all the block's
  // extrinsics, as `CheckWeight` does).
  const limits = api.consts.system.blockWeights.perClass.normal;
  const maxNormal = limits.maxTotal.unwrap().refTime.toNumber();
  const baseExtrinsic = limits.baseExtrinsic.refTime.toNumber();
  const maxNormalLength = api.consts.system.blockLength.max.normal.toNumber();
  const fullByWeight = (b) => b.normal + b.heaviest + baseExtrinsic > maxNormal;
  const fullByLength = (b) => b.length + b.longest > maxNormalLength;
  const full = used.filter((b) => fullByWeight(b) || fullByLength(b));
  if (full.length === 0) {
    console.error(
      `${name}: no block reached the weight or length limit, so only a lower bound is measured: raise the pair count`,
    );
  }
  const timeOf = new Map(blocks.map((b) => [b.number, b.time]));
  timeOf.set(first.number - 1, before);
  const fullSeconds = full.reduce((sum, b) => sum + (b.time - timeOf.get(b.number - 1)) / 1000, 0);
  const sustained =
    full.length > 0
      ? full.reduce((sum, b) => sum + b.included, 0) / fullSeconds
      : expected / seconds;
  return {
    events,
    seconds,
    sustained,
    summary: {
      extrinsics: signed.length,
      events: expected,
      blocks: used.length,
      max_per_block: Math.max(...used.map((b) => b.included)),
      seconds,
      per_s: round(expected / seconds),
      sustained_per_s: round(sustained),
      full_blocks: full.length,
      full_by_length: full.filter((b) => !fullByWeight(b)).length,
      max_block_bytes: Math.max(...used.map((b) => b.length)),
    },
  };
}
