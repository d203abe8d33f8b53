// The chain's errors in Chinese: every error of the pallets the app calls has a sentence
// (read from the pallets' sources, so a new error without one fails here), and the node's
// refusals of a transaction are told in words.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { poolRejectionWords, zhChainErrors } from '../src/chain-errors';
import { setLanguage } from '../src/i18n';

/** The variants of `pub enum Error<T>` in a pallet's lib.rs. */
function errorsOf(pallet: string): string[] {
  const source = readFileSync(
    new URL(`../../pallets/${pallet}/src/lib.rs`, import.meta.url),
    'utf8',
  );
  const body = /pub enum Error<T> \{([\s\S]*?)\n\t\}/.exec(source)?.[1] ?? '';
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Z]\w*,$/.test(line))
    .map((line) => line.slice(0, -1));
}

describe("the chain's errors in Chinese", () => {
  for (const [section, pallet] of [
    ['loans', 'loans'],
    ['creditIdentity', 'identity'],
  ]) {
    it(`cover every error of ${section}`, () => {
      const names = errorsOf(pallet);
      expect(names.length).toBeGreaterThan(20);
      const missing = names.filter((name) => !zhChainErrors[`${section}.${name}`]);
      expect(missing).toEqual([]);
      const stale = Object.keys(zhChainErrors).filter(
        (id) => id.startsWith(`${section}.`) && !names.includes(id.split('.')[1]),
      );
      expect(stale).toEqual([]);
    });
  }
});

describe("the node's refusals", () => {
  it('are told in words, in the current language', () => {
    setLanguage('en');
    expect(
      poolRejectionWords(
        '1010: Invalid Transaction: Inability to pay some fees , e.g. account balance too low',
      ),
    ).toBe('The account has too little LOAN to pay the fee.');
    expect(poolRejectionWords('1014: Priority is too low: (0 vs 0)')).toMatch(
      /waiting in its place/,
    );
    expect(poolRejectionWords('1010: Invalid Transaction: Transaction is outdated')).toMatch(
      /out of date/,
    );
    expect(poolRejectionWords('something new')).toBe(
      'The node did not accept the transaction: something new',
    );
    setLanguage('zh-CN');
    expect(poolRejectionWords('1013: Transaction Already Imported')).toBe('这笔交易已经发送过。');
    setLanguage('en');
  });
});
