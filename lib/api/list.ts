import { z } from 'zod';
import { decodeKey, type Key, type KeyPart } from '@/db/queries/keyset';
import { ExpectedError, fieldErrorsOf } from '@/lib/errors';
import { answer } from './answer';

/**
 * The shared parts of the management API's list calls: `limit` and `cursor` parameters, query
 * strings checked with zod (422 naming every bad parameter), keyset cursors (db/queries/keyset.ts), and the
 * `{items, next_cursor}` answer of shared/spec/admin-api.md.
 */

export const MAX_LIST_LIMIT = 500;
export const DEFAULT_LIST_LIMIT = 50;

export const listParams = {
  limit: z.coerce
    .number()
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_LIST_LIMIT, `limit must be at most ${MAX_LIST_LIMIT}`)
    .default(DEFAULT_LIST_LIMIT),
  cursor: z.string().max(2000).optional(),
};

/** `?active=true|false` as a boolean. */
export const booleanParam = z
  .enum(['true', 'false'], { message: 'expected true or false' })
  .transform((v) => v === 'true');

/** The query string of `request`, checked against `schema`; repeated parameters keep the first. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const url = new URL(request.url);
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in raw)) raw[key] = value;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ExpectedError('invalid', 'Some query parameters are invalid.', {
      errors: fieldErrorsOf(parsed.error.issues),
    });
  }
  return parsed.data;
}

/**
 * The sort key a list's `cursor` parameter carries (db/queries/keyset.ts), null when there is
 * none, or a 422 naming the parameter when it is not a cursor of this list.
 */
export function readCursor<const P extends readonly KeyPart[]>(
  cursor: string | undefined,
  parts: P,
): Key<P> | null {
  if (!cursor) return null;
  const key = decodeKey(cursor, parts);
  if (!key) throw invalidCursor();
  return key;
}

/** The refusal of a cursor this API did not give out (or gave out for another list). */
export function invalidCursor(): ExpectedError {
  return new ExpectedError('invalid', 'The cursor is not one this API gave out.', {
    errors: [{ path: '/cursor', message: 'unknown cursor' }],
  });
}

/** The `{items, next_cursor}` answer of a list operation, never cached. */
export function listResponse<T>(items: T[], nextCursor: string | null) {
  return answer({ items, next_cursor: nextCursor }, { headers: { 'cache-control': 'no-store' } });
}
