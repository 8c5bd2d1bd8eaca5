import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { unique, setupTestDatabase } from '@/lib/testing/fixtures';
import { hitRateLimit, resetRateLimit } from './rate-limits';

const database = setupTestDatabase();
const WINDOW = 60;

async function setBucket(key: string, secondsAgo: number, count: number): Promise<void> {
  await database().db.execute(sql`
    insert into rate_limit_buckets (key, window_start, count)
    values (${key}, now() - make_interval(secs => ${secondsAgo}), ${count})`);
}

async function bucketCount(key: string): Promise<number | null> {
  const rows = rowsOf<{ count: number }>(
    await database().db.execute(sql`select count from rate_limit_buckets where key = ${key}`),
  );
  return rows[0] ? Number(rows[0].count) : null;
}

describe('hitRateLimit', () => {
  it('allows up to the limit, then refuses with a retry delay within the window', async () => {
    const { db } = database();
    const key = unique('limit');
    for (let i = 1; i <= 3; i++) {
      expect(await hitRateLimit(db, key, 3, WINDOW)).toMatchObject({ allowed: true, count: i });
    }
    const refused = await hitRateLimit(db, key, 3, WINDOW);
    expect(refused).toMatchObject({ allowed: false, count: 4 });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(WINDOW);
    expect(await hitRateLimit(db, key, 3, WINDOW)).toMatchObject({ allowed: false, count: 5 });
  });

  it('starts a new window once the old one has passed', async () => {
    const { db } = database();
    const key = unique('expired');
    await setBucket(key, WINDOW * 2, 100);
    const result = await hitRateLimit(db, key, 3, WINDOW);
    expect(result).toMatchObject({ allowed: true, count: 1 });
    expect(result.retryAfterSeconds).toBeGreaterThan(WINDOW - 5);
  });

  it('keeps counting in a window that is still open, and says when it ends', async () => {
    const { db } = database();
    const key = unique('open');
    await setBucket(key, WINDOW - 10, 3);
    const result = await hitRateLimit(db, key, 3, WINDOW);
    expect(result).toMatchObject({ allowed: false, count: 4 });
    expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(5);
    expect(result.retryAfterSeconds).toBeLessThanOrEqual(11);
  });

  it('counts keys independently', async () => {
    const { db } = database();
    const a = unique('a');
    const b = unique('b');
    await hitRateLimit(db, a, 1, WINDOW);
    expect((await hitRateLimit(db, a, 1, WINDOW)).allowed).toBe(false);
    expect(await hitRateLimit(db, b, 1, WINDOW)).toMatchObject({ allowed: true, count: 1 });
  });

  it('adds the weight of a hit', async () => {
    const { db } = database();
    const key = unique('weight');
    expect(await hitRateLimit(db, key, 10, WINDOW, 6)).toMatchObject({ allowed: true, count: 6 });
    expect(await hitRateLimit(db, key, 10, WINDOW, 5)).toMatchObject({ allowed: false, count: 11 });
  });

  it('counts concurrent hits without losing any', async () => {
    const { db } = database();
    const key = unique('concurrent');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => hitRateLimit(db, key, 5, WINDOW)),
    );
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(await bucketCount(key)).toBe(8);
  });
});

describe('resetRateLimit', () => {
  it('forgets one key and leaves the others', async () => {
    const { db } = database();
    const key = unique('reset');
    const other = unique('other');
    await hitRateLimit(db, key, 1, WINDOW);
    await hitRateLimit(db, key, 1, WINDOW);
    await hitRateLimit(db, other, 1, WINDOW);
    await resetRateLimit(db, key);
    expect(await bucketCount(key)).toBeNull();
    expect(await bucketCount(other)).toBe(1);
    expect(await hitRateLimit(db, key, 1, WINDOW)).toMatchObject({ allowed: true, count: 1 });
  });
});
