import type { OverviewWindows } from '@/db/queries/overview/sql';

/**
 * The time windows the overview reads, all derived from one `now` so every number on the page
 * (and in `GET /api/v1/overview`) describes the same instant. Buckets are UTC hours and days,
 * like every time the console shows.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Hourly buckets of the events chart: the current hour and the 167 before it (7 days). */
export const EVENT_HOURS = 168;
/** Daily buckets of the registrations and denials charts: today and the 29 days before. */
export const CHART_DAYS = 30;
/** The days before the last 24 h that an insufficient-scope spike is compared with. */
export const SPIKE_BASELINE_DAYS = 7;
/** How long a refresh-token reuse or token passthrough stays on the list when nobody acts. */
export const INCIDENT_DAYS = 30;
/** A scope granted more recently than this is not yet called unused. */
export const UNUSED_GRACE_DAYS = 7;

export type { OverviewWindows };

export function overviewWindows(now: Date): OverviewWindows {
  const t = now.getTime();
  return {
    now,
    dayAgo: new Date(t - DAY_MS),
    hoursFrom: new Date(Math.floor(t / HOUR_MS) * HOUR_MS - (EVENT_HOURS - 1) * HOUR_MS),
    daysFrom: new Date(Math.floor(t / DAY_MS) * DAY_MS - (CHART_DAYS - 1) * DAY_MS),
    spikeFrom: new Date(t - DAY_MS - SPIKE_BASELINE_DAYS * DAY_MS),
    incidentsFrom: new Date(t - INCIDENT_DAYS * DAY_MS),
    unusedBefore: new Date(t - UNUSED_GRACE_DAYS * DAY_MS),
  };
}

export type Series<K extends string> = { start: Date; counts: Record<K, number> }[];

/**
 * `count` consecutive buckets of `size` ms from `from`, every key at zero, so a chart shows quiet
 * hours and days instead of skipping them.
 */
export function emptySeries<K extends string>(
  from: Date,
  size: number,
  count: number,
  keys: readonly K[],
): Series<K> {
  return Array.from({ length: count }, (_, i) => ({
    start: new Date(from.getTime() + i * size),
    counts: Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>,
  }));
}

/** Adds `n` to `key` in the bucket starting at `start` (a time or the text SQL gave), if any. */
export function addTo<K extends string>(
  series: Series<K>,
  size: number,
  start: Date | string,
  key: K,
  n: number,
): void {
  if (!series.length) return;
  const offset = new Date(start).getTime() - series[0]!.start.getTime();
  const bucket = series[Math.floor(offset / size)];
  if (bucket && offset >= 0) bucket.counts[key] += n;
}
