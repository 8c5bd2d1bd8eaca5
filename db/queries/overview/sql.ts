import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../client';

/** A time as a query parameter: ISO text cast in SQL reads the same on postgres.js and PGlite. */
export const at = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;

/** Rows of a raw query. Raw rows carry times as text or Date depending on the driver. */
export async function query<T>(db: Executor, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

export const toDate = (value: string | Date | null): Date | null =>
  value === null ? null : new Date(value);

/**
 * The UTC hour or day a time falls in. date_bin is plain timestamp arithmetic: no time zone, and
 * far cheaper than numeric `extract(epoch …)` over hundreds of thousands of rows.
 */
export const hourOf = (column: SQL) => sql`date_bin('1 hour', ${column}, '2000-01-01T00:00:00Z')`;
export const dayOf = (column: SQL) => sql`date_bin('1 day', ${column}, '2000-01-01T00:00:00Z')`;

/** The windows the overview's queries read, all from one `now` (lib/overview/windows.ts). */
export type OverviewWindows = {
  now: Date;
  /** now − 24 h: the "last 24 h" counts */
  dayAgo: Date;
  /** start of the first hourly bucket */
  hoursFrom: Date;
  /** start (UTC midnight) of the first daily bucket */
  daysFrom: Date;
  /** start of the spike baseline: now − 24 h − 7 days */
  spikeFrom: Date;
  incidentsFrom: Date;
  /** scopes granted before this and never used are flagged */
  unusedBefore: Date;
};
