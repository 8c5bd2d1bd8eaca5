import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client';

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number; count: number };

/**
 * Counts one hit against `key` in a fixed window and says whether it is within `limit`. One
 * statement, so concurrent hubs sharing PostgreSQL count together.
 */
export async function hitRateLimit(
  db: Executor,
  key: string,
  limit: number,
  windowSeconds: number,
  weight = 1,
): Promise<RateLimitResult> {
  const result = await db.execute(sql`
    insert into rate_limit_buckets as b (key, window_start, count)
    values (${key}, now(), ${weight})
    on conflict (key) do update set
      window_start = case when b.window_start <= now() - make_interval(secs => ${windowSeconds})
                          then now() else b.window_start end,
      count = case when b.window_start <= now() - make_interval(secs => ${windowSeconds})
                   then ${weight} else b.count + ${weight} end
    returning count, extract(epoch from (b.window_start + make_interval(secs => ${windowSeconds}) - now()))::float8 as remaining`);
  const [row] = rowsOf<{ count: number; remaining: number }>(result);
  const count = Number(row?.count ?? 0);
  return {
    allowed: count <= limit,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil(Number(row?.remaining ?? windowSeconds))),
  };
}

/** Forgets the counter, e.g. the failed sign-ins of an email once its owner signed in. */
export async function resetRateLimit(db: Executor, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limit_buckets where key = ${key}`);
}
