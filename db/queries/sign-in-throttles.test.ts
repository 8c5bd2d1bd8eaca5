import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { unique, setupTestDatabase } from '@/lib/testing/fixtures';
import {
  activeLockSeconds,
  clearThrottle,
  pruneThrottles,
  recordThrottleFailure,
  type ThrottleRule,
} from './sign-in-throttles';

const database = setupTestDatabase();
const RULE: ThrottleRule = {
  threshold: 3,
  forgetSeconds: 600,
  lock: { baseSeconds: 10, maxSeconds: 100 },
};

describe('sign-in throttles', () => {
  it('counts concurrent failures exactly, as hubs sharing a database do', async () => {
    const { db } = database();
    const key = unique('concurrent');
    const results = await Promise.all(
      Array.from({ length: 12 }, () => recordThrottleFailure(db, key, RULE)),
    );
    expect(results.map((r) => r.failures).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    // 12 failures: 10 s doubled nine times, held at the cap.
    expect(await activeLockSeconds(db, [key, unique('other')])).toBe(100);
  });

  it('locks from the threshold on, doubling, and counts without locking for a rule with no lock', async () => {
    const { db } = database();
    const key = unique('doubling');
    const locks = [];
    for (let i = 0; i < 5; i++)
      locks.push((await recordThrottleFailure(db, key, RULE)).lockedSeconds);
    expect(locks).toEqual([0, 0, 10, 20, 40]);

    const counter = unique('alert');
    for (let i = 0; i < 5; i++)
      await recordThrottleFailure(db, counter, { threshold: 1, forgetSeconds: 600 });
    expect(await activeLockSeconds(db, [counter])).toBe(0);
    await clearThrottle(db, key);
    expect(await activeLockSeconds(db, [key])).toBe(0);
  });

  it('prunes keys whose last failure is old', async () => {
    const { db } = database();
    const [old, fresh] = [unique('old'), unique('fresh')];
    await recordThrottleFailure(db, old, RULE);
    await recordThrottleFailure(db, fresh, RULE);
    await db.execute(
      sql`update sign_in_throttles set last_failure_at = now() - interval '2 days' where key = ${old}`,
    );
    expect(await pruneThrottles(db, 24 * 60 * 60)).toBeGreaterThanOrEqual(1);
    const left = await db.execute(
      sql`select key from sign_in_throttles where key in (${old}, ${fresh})`,
    );
    expect(JSON.stringify(left)).toContain(fresh);
    expect(JSON.stringify(left)).not.toContain(old);
  });
});
