import { and, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client';
import { signInThrottles } from '../schema';

/**
 * When a key locks: from `threshold` failures on, for `baseSeconds` doubling with each further
 * failure up to `maxSeconds`. A key without `lock` only counts (an alert signal). Failures are
 * forgotten once none came for `forgetSeconds`, which must outlast the longest lock.
 */
export type ThrottleRule = {
  threshold: number;
  forgetSeconds: number;
  lock?: { baseSeconds: number; maxSeconds: number };
};

export type ThrottleFailure = { failures: number; lockedSeconds: number };

/** The longest lock still running on any of `keys`, in whole seconds; 0 when none is. */
export async function activeLockSeconds(db: Executor, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const [row] = await db
    .select({
      remaining: sql<
        number | null
      >`max(extract(epoch from (${signInThrottles.lockedUntil} - now())))::float8`,
    })
    .from(signInThrottles)
    .where(and(inArray(signInThrottles.key, keys), gt(signInThrottles.lockedUntil, sql`now()`)));
  const remaining = Number(row?.remaining ?? 0);
  return remaining > 0 ? Math.ceil(remaining) : 0;
}

/**
 * Counts one attempt against `key`, before its password is checked, unless the key is locked: then
 * it changes nothing and answers null. Counting first in one conditional statement keeps the limit
 * exact when many attempts arrive at once, on one hub or on several sharing PostgreSQL; a failure
 * from threshold on (re)starts the lock, and refused attempts cannot stretch it. A success gives
 * its count back with clearThrottle or releaseAttempt.
 */
export function claimAttempt(
  db: Executor,
  key: string,
  rule: ThrottleRule,
): Promise<ThrottleFailure | null> {
  return count(db, key, rule, sql`where t.locked_until is null or t.locked_until <= now()`);
}

/** Counts a failure against a key that never locks (an alert counter), in one statement. */
export async function countFailure(
  db: Executor,
  key: string,
  rule: ThrottleRule,
): Promise<ThrottleFailure> {
  return (await count(db, key, rule, sql``)) ?? { failures: 0, lockedSeconds: 0 };
}

async function count(
  db: Executor,
  key: string,
  rule: ThrottleRule,
  condition: SQL,
): Promise<ThrottleFailure | null> {
  const next = sql`case when t.last_failure_at <= now() - make_interval(secs => ${rule.forgetSeconds})
                   then 1 else t.failures + 1 end`;
  const result = await db.execute(sql`
    insert into sign_in_throttles as t (key, failures, last_failure_at, locked_until)
    values (${key}, 1, now(), ${lockAfter(rule, sql`1`)})
    on conflict (key) do update set
      failures = ${next},
      last_failure_at = now(),
      locked_until = ${lockAfter(rule, next)}
    ${condition}
    returning failures,
      coalesce(extract(epoch from (locked_until - now())), 0)::float8 as locked_seconds`);
  const [row] = rowsOf<{ failures: number; locked_seconds: number }>(result);
  return row
    ? {
        failures: Number(row.failures),
        lockedSeconds: Math.max(0, Math.round(Number(row.locked_seconds))),
      }
    : null;
}

/**
 * Gives back the count of an attempt that succeeded, with the lock it may have started: no lock
 * was running when it was claimed, and attempts since were refused without changing the row.
 */
export async function releaseAttempt(db: Executor, key: string): Promise<void> {
  await db.execute(sql`
    update sign_in_throttles
    set failures = greatest(failures - 1, 0), locked_until = null
    where key = ${key}`);
}

function lockAfter(rule: ThrottleRule, failures: SQL) {
  return rule.lock
    ? sql`case when ${failures} >= ${rule.threshold}
               then now() + make_interval(secs => least(${rule.lock.maxSeconds}::float8,
                 ${rule.lock.baseSeconds}::float8 * power(2, least(${failures} - ${rule.threshold}, 30))))
               else null end`
    : sql`null::timestamptz`;
}

/** Forgets a key, e.g. an (account, address) pair once its owner signed in from there. */
export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.delete(signInThrottles).where(sql`${signInThrottles.key} = ${key}`);
}

/** Drops keys with no failure for `olderThanSeconds` (maintenance keeps the table small). */
export async function pruneThrottles(db: Executor, olderThanSeconds: number): Promise<number> {
  const gone = await db
    .delete(signInThrottles)
    .where(
      lt(signInThrottles.lastFailureAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
    )
    .returning({ key: signInThrottles.key });
  return gone.length;
}
