import { decodeCursor, encodeCursor } from '@/lib/api/list';
import { ApiError, isUuid } from '@/lib/api/route';
import { ExpectedError, NotFoundError } from '@/lib/errors';
import { InvalidRevocationError } from './errors';

/** What the consents and tokens routes share: their cursors and how refusals are answered. */

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
  throw new ApiError(422, 'Unprocessable Content', 'The cursor is not one this API gave out.', {
    errors: [{ path: '/cursor', message: 'unknown cursor' }],
  });
}

/** A page of `limit` rows out of `limit + 1` fetched, and the cursor to the next one. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => [Date, string]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorOf(...keyOf(last)) : null };
}

export function notFound(what: 'consent' | 'token'): ApiError {
  return new ApiError(404, 'Not Found', `No ${what} with this id in your organization.`);
}

/**
 * The API's answer to a refusal of lib/grants: 422 naming the fields, 404, or 409 for
 * something already revoked. Anything else is passed on untouched.
 */
export function asApiError(err: unknown): unknown {
  if (err instanceof InvalidRevocationError) {
    return new ApiError(422, 'Unprocessable Content', err.message, { errors: err.errors });
  }
  if (err instanceof NotFoundError) return new ApiError(404, 'Not Found', err.message);
  if (err instanceof ExpectedError) return new ApiError(409, 'Conflict', err.message);
  return err;
}
