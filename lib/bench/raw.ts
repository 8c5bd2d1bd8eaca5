import { getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditEvents, type NewAuditEvent } from '@/db/schema';
import { chunk, timeJobs, type Timing } from './load';

/** The baseline: drizzle's multi-row `INSERT … VALUES (…), (…)`, one per batch. */
export function insertValues(
  db: Db,
  rows: NewAuditEvent[],
  size: number,
  concurrency: number,
): Promise<Timing> {
  return timeJobs(
    chunk(rows, size),
    concurrency,
    (batch) => batch.length,
    async (batch) => {
      await db.insert(auditEvents).values(batch);
    },
  );
}

// Every column a bench row fills, with its SQL name and type, read from the schema so the
// statement follows it (generated columns are the database's to fill).
const columns = Object.entries(getTableColumns(auditEvents))
  .filter(([key, column]) => key !== 'id' && key !== 'recordedAt' && !column.generated)
  .map(([key, column]) => ({ key, name: column.name, type: column.getSQLType() }));

const targetList = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
const selectList = sql.raw(columns.map((c) => `"${c.key}"`).join(', '));
const recordType = sql.raw(columns.map((c) => `"${c.key}" ${c.type}`).join(', '));

/**
 * A tighter reference: the same rows as one JSON parameter read back with jsonb_to_recordset, the
 * way the hub itself writes batches (db/queries/ingestion/bulk.ts). A multi-row VALUES insert
 * binds one parameter per cell (about 20 a row), which made it several times slower here, so
 * the report shows the HTTP rate against both: the goal is judged on the baseline.
 */
export function insertJsonRecordset(
  db: Db,
  rows: NewAuditEvent[],
  size: number,
  concurrency: number,
): Promise<Timing> {
  return timeJobs(
    chunk(rows, size),
    concurrency,
    (batch) => batch.length,
    async (batch) => {
      await db.execute(sql`insert into audit_events (${targetList}) select ${selectList}
        from jsonb_to_recordset(${JSON.stringify(batch)}::text::jsonb) as x(${recordType})`);
    },
  );
}
