// The browser's check of a private lender's statement of who lent, against statements
// `loanctl lender-of` signed in each scheme (test/fixtures/lender-of.json), made with:
//   loanctl lender-of --details terms.json --borrower-id <borrowerId> \
//     --lender-id 0x3a57…6d7e --suri //Dave --index 0 --genesis <genesisHash> --scheme <scheme>
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hexToU8a } from '@polkadot/util';
import { statementSigned, type LenderStatement } from '../src/lender-of';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/lender-of.json', import.meta.url), 'utf8'),
) as { genesisHash: string; borrowerId: string; statements: Record<string, LenderStatement> };
const genesis = hexToU8a(fixture.genesisHash);
const loan = (statement: LenderStatement) => ({
  lenderKey: hexToU8a(statement.key),
  borrowerId: hexToU8a(fixture.borrowerId),
});

describe.each(Object.entries(fixture.statements))('a statement signed with %s', (_, statement) => {
  it("holds for its loan's key, borrower and chain", async () => {
    expect(await statementSigned(statement, genesis, loan(statement))).toBe(true);
  });

  it('proves nothing for another loan, borrower, chain, lender or signer', async () => {
    const other = new Uint8Array(32).fill(7);
    expect(
      await statementSigned(statement, genesis, { ...loan(statement), lenderKey: other }),
    ).toBe(false);
    expect(
      await statementSigned(statement, genesis, { ...loan(statement), borrowerId: other }),
    ).toBe(false);
    expect(await statementSigned(statement, other, loan(statement))).toBe(false);
    const otherLender = { ...statement, id: `0x${'07'.repeat(32)}` };
    expect(await statementSigned(otherLender, genesis, loan(statement))).toBe(false);
    // Bob's account did not sign it.
    const bob = { ...statement, account: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty' };
    expect(await statementSigned(bob, genesis, loan(statement))).toBe(false);
  });

  it('is refused when malformed', async () => {
    const scheme = Object.keys(statement.signature)[0];
    const short = { ...statement, signature: { [scheme]: '0x1234' } };
    expect(await statementSigned(short, genesis, loan(statement))).toBe(false);
    const none = { ...statement, signature: {} };
    expect(await statementSigned(none, genesis, loan(statement))).toBe(false);
    const nobody = { ...statement, account: 'not an address' };
    expect(await statementSigned(nobody, genesis, loan(statement))).toBe(false);
  });
});
