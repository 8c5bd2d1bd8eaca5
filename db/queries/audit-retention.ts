import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client';

/** Each org's retention in days. */
export async function orgRetentions(
  db: Executor,
): Promise<{ orgId: string; name: string; retentionDays: number }[]> {
  const rows = rowsOf<{ id: string; name: string; retention_days: number }>(
    await db.execute(sql`select id::text, name, retention_days from orgs order by created_at, id`),
  );
  return rows.map((r) => ({ orgId: r.id, name: r.name, retentionDays: Number(r.retention_days) }));
}

/** The highest event id in one table of the trail (0 when empty): an index probe. */
export async function maxEventIdIn(db: Executor, table: string): Promise<number> {
  const [row] = rowsOf<{ max: string | null }>(
    await db.execute(sql.raw(`select max(id)::text as max from "${table}"`)),
  );
  return Number(row?.max ?? 0);
}

/** Events an org's checkpoints sealed for a month. */
export async function sealedEventsOfMonth(
  db: Executor,
  orgId: string,
  periodStart: Date,
): Promise<number> {
  const [row] = rowsOf<{ n: string | null }>(
    await db.execute(sql`select sum(event_count)::text as n from audit_checkpoints
      where org_id = ${orgId} and period_start = ${periodStart.toISOString()}::timestamptz`),
  );
  return Number(row?.n ?? 0);
}

/** Drops one table of the trail, waiting at most `lockTimeoutMs` for readers to let go. */
export async function dropAuditTable(db: Executor, table: string, lockTimeoutMs: number) {
  await db.execute(
    sql.raw(`set local lock_timeout = '${Math.max(1, Math.round(lockTimeoutMs))}ms'`),
  );
  await db.execute(sql.raw(`DROP TABLE "${table}"`));
}
