// Which of a private lender's loans the Loans page reads: the newest, a page at a time.
import { describe, expect, it } from 'vitest';
import { newestLent } from '../src/private-lending';

describe('newestLent', () => {
  // Keys 0..5: key 1 lent nothing (its token lapsed), key 4 lent before key 3 (its consent
  // came back later), key 5 is waiting for its borrower.
  const ids = [10, undefined, 12, 30, 25, undefined];

  it('is the newest loans first, each with the number of the key that lent it', () => {
    expect(newestLent(ids, 20)).toEqual({
      shown: [
        { id: 30, index: 3 },
        { id: 25, index: 4 },
        { id: 12, index: 2 },
        { id: 10, index: 0 },
      ],
      more: false,
    });
  });

  it('stops at the page and says older ones are left', () => {
    expect(newestLent(ids, 2)).toEqual({
      shown: [
        { id: 30, index: 3 },
        { id: 25, index: 4 },
      ],
      more: true,
    });
    expect(newestLent(ids, 4).more).toBe(false);
  });

  it('is empty for a lender whose keys lent nothing yet', () => {
    expect(newestLent([undefined, undefined], 20)).toEqual({ shown: [], more: false });
  });
});
