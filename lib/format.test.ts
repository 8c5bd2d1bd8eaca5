import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDateTime,
  formatDay,
  formatDayMonth,
  formatHourMinute,
  formatWeekdayDay,
  timeAgo,
} from './format';

const at = new Date('2026-11-21T14:02:07Z');

describe('the console’s numbers and times', () => {
  it('groups thousands the same everywhere', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(12_345)).toBe('12,345');
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });

  it('writes times in UTC, saying so', () => {
    expect(formatDateTime(at)).toBe('21 Nov 2026, 14:02:07 UTC');
    expect(formatDay(at)).toBe('21 Nov 2026');
    expect(formatDayMonth(at)).toBe('21 Nov');
    expect(formatWeekdayDay(at)).toBe('Sat 21');
    expect(formatHourMinute(at)).toBe('14:02');
  });

  it('says how long ago in words', () => {
    expect(timeAgo(new Date(at.getTime() - 3 * 60_000), at)).toBe('3 minutes ago');
    expect(timeAgo(at, at)).toBe('now');
  });
});
