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

/** An org's share of a month, e.g. audit_events_p2026_11_o<org id as 32 hex digits>. */
export function orgPartitionName(start: Date, orgId: string): string {
  return `${partitionName(start)}_o${orgId.replace(/-/g, '').toLowerCase()}`;
}

/** The first instant of the month a partition name stands for. */
export function monthOfPartition(name: string): Date | null {
  const match = /^audit_events_p(\d{4})_(\d{2})$/.exec(name);
  return match ? monthStart(Number(match[1]), Number(match[2]) - 1) : null;
}

export function nextMonth(start: Date): Date {
  return monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1);
}

/**
 * Creates the monthly partitions of the audit trail from `monthsBack` before `now` to
 * `monthsAhead` after it, each split again by org (one table per org and month, so retention
 * drops an org's month without touching another's), with a default table for orgs made since.
 * Idempotent; run at start and hourly, so a month's tables exist long before its first row.
 * Returns the months created.
 */
export async function ensureAuditPartitions(
  db: Executor,
  options: { now?: Date; monthsAhead?: number; monthsBack?: number } = {},
): Promise<string[]> {
  const now = options.now ?? new Date();
  const created: string[] = [];
  const tables = await auditTables(db);
  const orgIds = rowsOf<{ id: string }>(await db.execute(sql`select id::text from orgs`)).map(
    (r) => r.id,
  );
  for (let offset = -(options.monthsBack ?? 0); offset <= (options.monthsAhead ?? 3); offset++) {
    const from = monthStart(now.getUTCFullYear(), now.getUTCMonth() + offset);
    const to = nextMonth(from);
    const name = partitionName(from);
    if (!tables.has(name)) {
      await createMonth(db, name, from, to);
      tables.set(name, 'p');
      created.push(name);
    }
    // Months made by hubs before per-org retention are single tables; they stay as they are.
    if (tables.get(name) !== 'p') continue;
    for (const orgId of orgIds) {
      const orgTable = orgPartitionName(from, orgId);
      if (tables.has(orgTable)) continue;
      await createOrgPartition(db, name, orgTable, orgId);
      tables.set(orgTable, 'r');
    }
  }
  return created;
}

/** Every table of the audit trail by name, with its kind: 'p' partitioned, 'r' holding rows. */
export async function auditTables(db: Executor): Promise<Map<string, string>> {
  const rows = rowsOf<{ name: string; kind: string }>(
    await db.execute(sql`select relname as name, relkind::text as kind from pg_class
      where relname like 'audit\_events\_%' and relkind in ('r', 'p')`),
  );
  return new Map(rows.map((r) => [r.name, r.kind]));
}

async function createMonth(db: Executor, name: string, from: Date, to: Date): Promise<void> {
  const range = `FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`;
  await moveStrays(
    db,
    'audit_events_default',
    `recorded_at >= '${from.toISOString()}' AND recorded_at < '${to.toISOString()}'`,
    [
      `CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "audit_events" FOR VALUES ${range} PARTITION BY LIST ("org_id")`,
      `CREATE TABLE IF NOT EXISTS "${name}_default" PARTITION OF "${name}" DEFAULT`,
    ],
  );
}

async function createOrgPartition(
  db: Executor,
  month: string,
  name: string,
  orgId: string,
): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(orgId)) throw new Error(`not an org id: ${orgId}`);
  await moveStrays(db, `${month}_default`, `org_id = '${orgId}'`, [
    `CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "${month}" FOR VALUES IN ('${orgId}')`,
  ]);
}

/**
 * Runs `creates`. PostgreSQL refuses to create a partition while the default one holds rows of
 * its range (written while the clock was off, or before the org had its table), so those rows
 * move into the new partition in the same transaction, ids and all.
 */
async function moveStrays(
  db: Executor,
  defaultTable: string,
  condition: string,
  creates: string[],
): Promise<void> {
  const stray = rowsOf<{ found: boolean }>(
    await db.execute(
      sql.raw(`select exists (select 1 from "${defaultTable}" where ${condition}) as found`),
    ),
  );
  if (!stray[0]?.found) {
    for (const create of creates) await db.execute(sql.raw(create));
    return;
  }
  const holding = `"${defaultTable}_moving"`;
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`CREATE TEMP TABLE ${holding} (LIKE "audit_events")`));
    await tx.execute(
      sql.raw(
        `WITH moved AS (DELETE FROM "${defaultTable}" WHERE ${condition} RETURNING *) ` +
          `INSERT INTO ${holding} SELECT * FROM moved`,
      ),
    );
    for (const create of creates) await tx.execute(sql.raw(create));
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
