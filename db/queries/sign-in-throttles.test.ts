import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { unique, setupTestDatabase } from '@/lib/testing/fixtures';
import {
  activeLockSeconds,
  claimAttempt,
  clearThrottle,
  countFailure,
  pruneThrottles,
  releaseAttempt,
  type ThrottleRule,
} from './sign-in-throttles';

const database = setupTestDatabase();
const RULE: ThrottleRule = {
  threshold: 3,
  forgetSeconds: 600,
  lock: { baseSeconds: 10, maxSeconds: 100 },
};

describe('sign-in throttles', () => {
  const endLock = (key: string) =>
    database().db.execute(
      sql`update sign_in_throttles set locked_until = now() - interval '1 second' where key = ${key}`,
    );

  it('grants exactly the threshold of attempts arriving at once, as hubs sharing a database do', async () => {
    const { db } = database();
    const key = unique('concurrent');
    const results = await Promise.all(
      Array.from({ length: 12 }, () => claimAttempt(db, key, RULE)),
    );
    const granted = results.filter((r) => r !== null);
    expect(granted.map((r) => r.failures).sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(results.filter((r) => r === null)).toHaveLength(9);
    expect(await activeLockSeconds(db, [key, unique('other')])).toBe(10);
  });

  it('locks from the threshold on, doubling after each lock up to the cap; a released attempt gives its count back', async () => {
    const { db } = database();
    const key = unique('doubling');
    const locks = [];
    for (let i = 0; i < 3; i++) locks.push((await claimAttempt(db, key, RULE))?.lockedSeconds);
    expect(await claimAttempt(db, key, RULE)).toBeNull();
    for (let i = 0; i < 5; i++) {
      await endLock(key);
      locks.push((await claimAttempt(db, key, RULE))?.lockedSeconds);
    }
    expect(locks).toEqual([0, 0, 10, 20, 40, 80, 100, 100]);

    await releaseAttempt(db, key);
    expect(await activeLockSeconds(db, [key])).toBe(0);
    expect((await claimAttempt(db, key, RULE))?.failures).toBe(8);
    await clearThrottle(db, key);
    expect(await activeLockSeconds(db, [key])).toBe(0);
  });

  it('counts without locking for a rule with no lock', async () => {
    const { db } = database();
    const counter = unique('alert');
    const counts = [];
    for (let i = 0; i < 4; i++)
      counts.push((await countFailure(db, counter, { threshold: 1, forgetSeconds: 600 })).failures);
    expect(counts).toEqual([1, 2, 3, 4]);
    expect(await activeLockSeconds(db, [counter])).toBe(0);
  });

  it('prunes keys whose last failure is old', async () => {
    const { db } = database();
    const [old, fresh] = [unique('old'), unique('fresh')];
    await claimAttempt(db, old, RULE);
    await claimAttempt(db, fresh, RULE);
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
