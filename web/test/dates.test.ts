// Blocks as dates, and the amount due at maturity.
import { describe, expect, it } from 'vitest';
import { estimatedTime, fromNow, when } from '../src/dates';
import { amountDue } from '../src/terms';

describe('block times', () => {
  const clock = { block: 100, at: Date.UTC(2026, 11, 3, 12, 0), blockMs: 6_000 };

  it('are estimated forwards and backwards from the best block', () => {
    expect(estimatedTime(100, clock)).toBe(clock.at);
    expect(estimatedTime(110, clock)).toBe(clock.at + 60_000);
    expect(estimatedTime(90, clock)).toBe(clock.at - 60_000);
  });

  it('are told as a distance in the largest sensible unit, in both languages', () => {
    const now = clock.at;
    expect(fromNow(now + 2 * 86_400_000, now, 'en')).toBe('in 2 days');
    expect(fromNow(now + 36 * 3_600_000, now, 'en')).toBe('in 36 hours');
    expect(fromNow(now - 3 * 60_000, now, 'en')).toBe('3 minutes ago');
    expect(fromNow(now + 30_000, now, 'en')).toBe('in 30 seconds');
    expect(fromNow(now + 2 * 86_400_000, now, 'zh-CN')).toBe('后天');
    expect(fromNow(now + 5 * 86_400_000, now, 'zh-CN')).toBe('5天后');
  });

  it('and as a date with that distance', () => {
    const text = when(Date.UTC(2026, 11, 5, 12, 0), clock.at, 'en');
    expect(text).toMatch(/Dec 5, 2026|5 Dec 2026/);
    expect(text).toMatch(/\(in 2 days\)$/);
  });
});

describe('the amount due at maturity', () => {
  const terms = {
    amount: '8000.00',
    currency: 'CNY',
    rate: '0.09',
    start: '2026-11-22',
    period_days: 30,
  };

  it('is the principal and simple interest for the days of a 365-day year', () => {
    // 8000 × 0.09 × 30 / 365 = 59.178… → 59.18
    expect(amountDue(terms)).toEqual({ principal: '8000.00', interest: '59.18', total: '8059.18' });
    // A year at 12 %: exactly 12 % of the principal.
    expect(amountDue({ ...terms, amount: '5000', rate: '0.12' }, 365)).toEqual({
      principal: '5000.00',
      interest: '600.00',
      total: '5600.00',
    });
    // Interest-free, and an extension's days counted.
    expect(amountDue({ ...terms, rate: '0' }, 45).total).toBe('8000.00');
    expect(amountDue(terms, 60).interest).toBe('118.36');
  });
});
