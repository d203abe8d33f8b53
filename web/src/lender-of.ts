// Who lent a private lender's loan: the `lender` statement inside its details, signed by
// the account that held the lender's identity (docs/privacy.md, "Details plaintext"),
// checked as `loanctl open --rpc` checks it — the signature over this loan's per-loan key,
// borrower and chain, then the signer against the identity's holder when the loan took
// effect.
import { hexToU8a, stringToU8a, u8aConcat, u8aEq } from '@polkadot/util';
import {
  cryptoWaitReady,
  decodeAddress,
  ed25519Verify,
  secp256k1Verify,
  sr25519Verify,
} from '@polkadot/util-crypto';
import { connect } from './chain';
import { lenderOfHash } from './crypto/sealing';
import { hex } from './format';
import type { LoanRecord } from './records';

/** The `lender` field of a private lender's details, as `loanctl lender-of` writes it. */
export interface LenderStatement {
  id: string;
  account: string;
  key: string;
  signature: Partial<Record<'Sr25519' | 'Ed25519' | 'Ecdsa', string>>;
}

/** What the statement proves: `verified`, or why not. */
export type LenderVerdict = 'verified' | 'badSignature' | 'notHolder' | 'missing';

/** The loan fields the statement is bound to. */
type Bound = Pick<LoanRecord, 'lenderKey' | 'borrowerId'>;
/** The loan fields its check reads: those, and when the loan took effect. */
export type LenderBound = Bound & Pick<LoanRecord, 'activatedAt'>;

/**
 * Whether `statement`'s signature holds for `loan` (its per-loan key and borrower) on the
 * chain of `genesisHash`: by the statement's account, over the wrapped `lenderOfHash`, in
 * the scheme it names. Malformed parts make it `false`.
 */
export async function statementSigned(
  statement: LenderStatement,
  genesisHash: Uint8Array,
  loan: Bound,
): Promise<boolean> {
  await cryptoWaitReady();
  try {
    if (!loan.lenderKey || statement.key.toLowerCase() !== hex(loan.lenderKey)) return false;
    const hash = lenderOfHash(genesisHash, loan.lenderKey, loan.borrowerId, hexToU8a(statement.id));
    const message = u8aConcat(stringToU8a('<Bytes>'), hash, stringToU8a('</Bytes>'));
    const account = decodeAddress(statement.account);
    const schemes = Object.entries(statement.signature);
    if (schemes.length !== 1) return false;
    const [[scheme, signature]] = schemes;
    const bytes = hexToU8a(signature);
    if (scheme === 'Sr25519') return sr25519Verify(message, bytes, account);
    if (scheme === 'Ed25519') return ed25519Verify(message, bytes, account);
    // An ecdsa account is the blake2-256 of the signer's compressed public key.
    if (scheme === 'Ecdsa') return secp256k1Verify(message, bytes, account, 'blake2');
    return false;
  } catch {
    return false;
  }
}

/**
 * What the details' statement proves of who lent `loan`: its signature, then whether the
 * signer held the identity at the block the loan took effect (at the best block when the
 * node no longer keeps that block's state).
 */
export async function checkLender(
  loan: LenderBound,
  statement: LenderStatement | undefined,
): Promise<LenderVerdict> {
  if (!statement) return 'missing';
  const api = await connect();
  if (!(await statementSigned(statement, api.genesisHash.toU8a(), loan))) return 'badSignature';
  const ownerAt = async (at: typeof api | Awaited<ReturnType<typeof api.at>>) => {
    const owner = (await at.query.creditIdentity.owners(statement.id)).toJSON() as string | null;
    return owner ? decodeAddress(owner) : new Uint8Array();
  };
  let owner: Uint8Array;
  try {
    if (loan.activatedAt === undefined) throw new Error('not in effect');
    owner = await ownerAt(await api.at(await api.rpc.chain.getBlockHash(loan.activatedAt)));
  } catch {
    owner = await ownerAt(api);
  }
  return u8aEq(owner, decodeAddress(statement.account)) ? 'verified' : 'notHolder';
}
