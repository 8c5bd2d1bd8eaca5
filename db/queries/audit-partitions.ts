import { getTableColumns, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client';
import { auditEvents } from '../schema';

// Generated columns (the search vector) are recomputed on insert and may not be written.
const writableColumns = Object.values(getTableColumns(auditEvents))
  .filter((c) => !c.generated)
  .map((c) => `"${c.name}"`)
  .join(', ');

function monthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month, 1));
}

export function partitionName(start: Date): string {
  return `audit_events_p${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Creates the monthly partitions of the audit trail from `monthsBack` before `now` to
 * `monthsAhead` after it. Idempotent; run at start and hourly, so a month's partition always
 * exists long before its first row.
 */
export async function ensureAuditPartitions(
  db: Executor,
  options: { now?: Date; monthsAhead?: number; monthsBack?: number } = {},
): Promise<string[]> {
  const now = options.now ?? new Date();
  const created: string[] = [];
  const existing = new Set(await listAuditPartitions(db));
  for (let offset = -(options.monthsBack ?? 0); offset <= (options.monthsAhead ?? 3); offset++) {
    const from = monthStart(now.getUTCFullYear(), now.getUTCMonth() + offset);
    const to = monthStart(from.getUTCFullYear(), from.getUTCMonth() + 1);
    const name = partitionName(from);
    if (existing.has(name)) continue;
    await createPartition(db, name, from, to);
    created.push(name);
  }
  return created;
}

async function createPartition(db: Executor, name: string, from: Date, to: Date): Promise<void> {
  const inRange = `recorded_at >= '${from.toISOString()}' AND recorded_at < '${to.toISOString()}'`;
  const create = sql.raw(
    `CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "audit_events" ` +
      `FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
  );
  const stray = rowsOf<{ found: boolean }>(
    await db.execute(
      sql.raw(`select exists (select 1 from "audit_events_default" where ${inRange}) as found`),
    ),
  );
  if (!stray[0]?.found) {
    await db.execute(create);
    return;
  }
  // PostgreSQL refuses to create a partition while the default partition holds rows of its range
  // (written while the clock was off), so they move into the new partition in the same transaction.
  const holding = `"${name}_moving"`;
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`CREATE TEMP TABLE ${holding} (LIKE "audit_events")`));
    await tx.execute(
      sql.raw(
        `WITH moved AS (DELETE FROM "audit_events_default" WHERE ${inRange} RETURNING *) ` +
          `INSERT INTO ${holding} SELECT * FROM moved`,
      ),
    );
    await tx.execute(create);
    await tx.execute(
      sql.raw(
        `INSERT INTO "audit_events" (${writableColumns}) SELECT ${writableColumns} FROM ${holding}`,
      ),
    );
    await tx.execute(sql.raw(`DROP TABLE ${holding}`));
  });
}

/** Names of the monthly partitions (not the default one), oldest first. */
export async function listAuditPartitions(db: Executor): Promise<string[]> {
  const result = await db.execute(sql`
    select c.relname as name
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    where p.relname = 'audit_events' and c.relname like 'audit_events_p%'
    order by c.relname`);
  return rowsOf<{ name: string }>(result).map((r) => r.name);
}
