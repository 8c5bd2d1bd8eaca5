import { and, gt, inArray, lt, sql } from 'drizzle-orm';
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
 * Counts one failure against `key` and (re)starts its lock when the rule says so. One statement, so
 * hubs sharing PostgreSQL count together; callers refuse locked keys before checking a password, so
 * refused attempts never reach here and cannot stretch a lock.
 */
export async function recordThrottleFailure(
  db: Executor,
  key: string,
  rule: ThrottleRule,
): Promise<ThrottleFailure> {
  const count = sql`case when t.last_failure_at <= now() - make_interval(secs => ${rule.forgetSeconds})
                    then 1 else t.failures + 1 end`;
  const lockAfter = (failures: ReturnType<typeof sql>) =>
    rule.lock
      ? sql`case when ${failures} >= ${rule.threshold}
                 then now() + make_interval(secs => least(${rule.lock.maxSeconds}::float8,
                   ${rule.lock.baseSeconds}::float8 * power(2, least(${failures} - ${rule.threshold}, 30))))
                 else null end`
      : sql`null::timestamptz`;
  const result = await db.execute(sql`
    insert into sign_in_throttles as t (key, failures, last_failure_at, locked_until)
    values (${key}, 1, now(), ${lockAfter(sql`1`)})
    on conflict (key) do update set
      failures = ${count},
      last_failure_at = now(),
      locked_until = ${lockAfter(count)}
    returning failures,
      coalesce(extract(epoch from (locked_until - now())), 0)::float8 as locked_seconds`);
  const [row] = rowsOf<{ failures: number; locked_seconds: number }>(result);
  return {
    failures: Number(row?.failures ?? 0),
    lockedSeconds: Math.max(0, Math.round(Number(row?.locked_seconds ?? 0))),
  };
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
