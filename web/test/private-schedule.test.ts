// A private lender's loan's maturity, as its parties' clients compute it.
import { describe, expect, it } from 'vitest';
import { daysSoFar, epochToBuy, isDue, maturesOn, openOffer } from '../src/private-schedule';

const terms = {
  amount: '500.00',
  currency: 'CNY',
  rate: '0.10',
  start: '2026-11-01',
  period_days: 30,
};

describe('maturesOn', () => {
  it('is the start plus the period', () => {
    expect(maturesOn(terms, [])).toBe('2026-12-01');
  });

  it('adds the days of confirmed offers only, across a year', () => {
    const offers = [
      { extraDays: 45, confirmed: true },
      { extraDays: 15, confirmed: true },
      { extraDays: 10, confirmed: false },
    ];
    expect(maturesOn(terms, offers)).toBe('2027-01-30');
    // An offer that does not open adds nothing: as loanctl open says, its days are unknown.
    expect(maturesOn(terms, [{ confirmed: true }, { extraDays: 45, confirmed: true }])).toBe(
      '2027-01-15',
    );
  });

  it('says nothing for terms without a date', () => {
    expect(maturesOn({ ...terms, start: 'soon' }, [])).toBeUndefined();
  });
});

describe('isDue', () => {
  const today = new Date('2026-12-01T12:00:00Z');
  it('is due from the day on, unless concluded', () => {
    expect(isDue('2026-12-01', false, today)).toBe(true);
    expect(isDue('2026-11-30', false, today)).toBe(true);
    expect(isDue('2026-12-02', false, today)).toBe(false);
    expect(isDue('2026-11-30', true, today)).toBe(false);
  });
});

describe('the open offer and the days so far', () => {
  it('is the last offer while it is not confirmed', () => {
    const confirmed = { index: 0, extraDays: 20, confirmed: true };
    const open = { index: 1, extraDays: 10, confirmed: false };
    expect(openOffer([confirmed, open])).toBe(open);
    expect(openOffer([confirmed])).toBeUndefined();
    expect(openOffer([])).toBeUndefined();
    expect(daysSoFar(terms, [confirmed, open])).toBe(50);
    expect(daysSoFar(terms, [])).toBe(30);
  });
});

describe('epochToBuy', () => {
  it("buys this epoch's tokens while the epoch has time left, the next epoch's near its end", () => {
    // Five blocks a day (the dev chain): blocks 10-12 leave 5-3 blocks of epoch 2.
    expect(epochToBuy(10, 5, [2, 3])).toBe(2);
    expect(epochToBuy(12, 5, [2, 3])).toBe(2);
    expect(epochToBuy(13, 5, [2, 3])).toBe(3);
    expect(epochToBuy(14, 5, [2, 3])).toBe(3);
    // A day of 14 400 blocks: the last ten blocks only.
    expect(epochToBuy(14_389, 14_400, [0, 1])).toBe(0);
    expect(epochToBuy(14_391, 14_400, [0, 1])).toBe(1);
  });

  it('takes the key there is, and none of another day', () => {
    expect(epochToBuy(14, 5, [2])).toBe(2);
    expect(epochToBuy(10, 5, [3])).toBe(3);
    expect(epochToBuy(10, 5, [1, 4])).toBeUndefined();
    expect(epochToBuy(10, 5, [])).toBeUndefined();
  });
});
