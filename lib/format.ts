// How the console and the hub's messages write numbers and times: one place, so a count reads
// "12,345" and a time "21 Nov 2026, 14:02:07 UTC" on every page, in every message, on server and
// browser alike.

const count = new Intl.NumberFormat('en-US');

/** "12,345": a count of things. */
export function formatCount(value: number): string {
  return count.format(value);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago", for lists; pair it with the exact time in a title. */
export function timeAgo(date: Date, now = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return relative.format(Math.round(seconds / size), unit);
  }
  return '';
}

/** "21 Nov 2026, 14:02:07 UTC": exact, unambiguous, the same on server and browser. */
export function formatDateTime(date: Date): string {
  return `${date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC' })} UTC`;
}

/** "21 Nov 2026", in UTC like every time the console shows. */
export function formatDay(date: Date): string {
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

const weekdayDay = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const dayMonth = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const hourMinute = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** "Mon 21", for a chart's daily ticks. */
export function formatWeekdayDay(date: Date | number): string {
  return weekdayDay.format(date);
}

/** "21 Nov", for a chart's ticks over weeks. */
export function formatDayMonth(date: Date | number): string {
  return dayMonth.format(date);
}

/** "14:02", for a chart's hourly ticks. */
export function formatHourMinute(date: Date | number): string {
  return hourMinute.format(date);
}
