import { decodeCursor, encodeCursor, invalidCursor } from '@/lib/api/list';
import { isUuid } from '@/db/queries/ids';
import { ExpectedError } from '@/lib/errors';

/** What the consents and tokens routes share: their cursors and their not-found answer. */

/** The keyset cursor of a list ordered by (time, id) descending. */
export function cursorOf(time: Date, id: string): string {
  return encodeCursor([time.toISOString(), id]);
}

/** The (time, id) a cursor of cursorOf carries, or 422 naming the parameter. */
export function readCursor(cursor: string | undefined): { time: Date; id: string } | null {
  if (cursor === undefined) return null;
  const [time, id] = decodeCursor(cursor, 2);
  if (
    typeof time === 'string' &&
    !Number.isNaN(Date.parse(time)) &&
    typeof id === 'string' &&
    isUuid(id)
  ) {
    return { time: new Date(time), id };
  }
  throw invalidCursor();
}

/** A page of `limit` rows out of `limit + 1` fetched, and the cursor to the next one. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => [Date, string]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(...keyOf(last)) : null };
}

export function notFound(what: 'consent' | 'token'): ExpectedError {
  return new ExpectedError('not_found', `No ${what} with this id in your organization.`);
}
