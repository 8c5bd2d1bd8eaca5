import { describe, expect, it } from 'vitest';
import { nextAttemptAfterFailure, retryDelayMs } from './schedule';

describe('the retry schedule', () => {
  it('doubles from 5 s to at most an hour, spread by ±20 %', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, () => 0.5))).toEqual([
      5_000, 10_000, 20_000, 40_000,
    ]);
    expect(retryDelayMs(1, low)).toBe(4_000);
    expect(retryDelayMs(1, high)).toBe(6_000);
    expect(retryDelayMs(30, () => 0.5)).toBe(3_600_000);
    expect(retryDelayMs(200, high)).toBeLessThanOrEqual(4_320_000);
  });

  it('keeps retrying for 24 hours after the entry, then gives up', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    const hour = 3_600_000;
    const almost = new Date(created.getTime() + 24 * hour - 1);
    expect(nextAttemptAfterFailure(created, 25, almost, () => 0.5)).toEqual(
      new Date(almost.getTime() + hour),
    );
    expect(nextAttemptAfterFailure(created, 26, new Date(created.getTime() + 24 * hour))).toBe(
      null,
    );
  });

  it('makes about 34 attempts in the first day', () => {
    let t = 0;
    let n = 0;
    while (t < 24 * 3_600_000) t += retryDelayMs(++n, () => 0.5);
    expect(n).toBeGreaterThan(25);
    expect(n).toBeLessThan(40);
  });
});
