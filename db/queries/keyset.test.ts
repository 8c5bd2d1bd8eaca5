import { describe, expect, it } from 'vitest';
import { decodeKey, encodeKey, keysetPage } from './keyset';

const id = '3f0c2a52-7d1e-4b8a-9c39-6a4f0d9e1b27';
const at = new Date('2026-11-21T14:02:07.123Z');

describe('keyset cursors', () => {
  it('carry a sort key there and back, a Date as its ISO time', () => {
    expect(decodeKey(encodeKey([at, id]), ['time', 'uuid'])).toEqual([at.toISOString(), id]);
    expect(decodeKey(encodeKey([at.toISOString(), 42]), ['time', 'integer'])).toEqual([
      at.toISOString(),
      42,
    ]);
    expect(decodeKey(encodeKey(['Notes server', id]), ['text', 'uuid'])).toEqual([
      'Notes server',
      id,
    ]);
  });

  it('read nothing from a string that is not a cursor of this key', () => {
    const wrong = [
      'not base64 json',
      Buffer.from('{"a":1}').toString('base64url'),
      encodeKey([at, id, 'one more']),
      encodeKey([id, at]),
      encodeKey(['yesterday', id]),
      encodeKey([at, 'not-a-uuid']),
      encodeKey([at, 1.5]),
    ];
    expect(wrong.map((c) => decodeKey(c, ['time', 'uuid']))).toEqual(wrong.map(() => null));
    expect(decodeKey(encodeKey([at, 1.5]), ['time', 'integer'])).toBeNull();
  });

  it('page `limit` rows of `limit + 1` read, with the next cursor only when there is more', () => {
    const rows = [1, 2, 3].map((n) => ({ n, at: new Date(at.getTime() - n * 1000), id }));
    const more = keysetPage(rows, 2, (r) => [r.at, r.id]);
    expect(more.items.map((r) => r.n)).toEqual([1, 2]);
    expect(decodeKey(more.nextCursor!, ['time', 'uuid'])).toEqual([rows[1]!.at.toISOString(), id]);
    expect(keysetPage(rows, 3, (r) => [r.at, r.id])).toEqual({ items: rows, nextCursor: null });
  });
});
