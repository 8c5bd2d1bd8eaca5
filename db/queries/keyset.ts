import { isUuid } from './ids';

/**
 * Keyset paging, the one way every list of the hub pages (API lists, the audit trail, the
 * activity of a consent or token): a page is `limit` rows out of `limit + 1` read in the list's
 * order, and the cursor of the next page is the sort key of the page's last row, as opaque
 * base64url JSON. It lives in db/ because the queries that read after a key use it too; lib/api
 * turns a cursor this module cannot read into the API's 422.
 */

/** What one part of a sort key is: a time (ISO 8601), a uuid, a whole number or any text. */
export type KeyPart = 'time' | 'uuid' | 'integer' | 'text';
type ValueOf<P extends KeyPart> = P extends 'integer' ? number : string;
/** The values of a key, typed by its parts: `['time', 'uuid']` reads as `[string, string]`. */
export type Key<P extends readonly KeyPart[]> = { -readonly [I in keyof P]: ValueOf<P[I]> };

const fits: Record<KeyPart, (value: unknown) => boolean> = {
  time: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  uuid: (v) => typeof v === 'string' && isUuid(v),
  integer: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  text: (v) => typeof v === 'string',
};

/** The cursor of a sort key; a Date part is written as its ISO time. */
export function encodeKey(values: readonly (string | number | Date)[]): string {
  const plain = values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return Buffer.from(JSON.stringify(plain)).toString('base64url');
}

/** The sort key a cursor of encodeKey carries, checked part by part, or null for any other string. */
export function decodeKey<const P extends readonly KeyPart[]>(
  cursor: string,
  parts: P,
): Key<P> | null {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === parts.length &&
      parts.every((part, i) => fits[part](values[i]))
    )
      return values as Key<P>;
  } catch {
    // not JSON: answered below
  }
  return null;
}

/** A page of `limit` rows out of the `limit + 1` read, and the cursor of the next (null on the last). */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => readonly (string | number | Date)[],
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeKey(keyOf(last)) : null };
}
