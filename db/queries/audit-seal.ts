import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Executor } from '../client';
import { auditCheckpoints, auditVerifications } from '../schema';
import { auditRowColumns, mapAuditRow, type AuditRawRow, type AuditRow } from './audit-trail';

/**
 * The database side of sealing (lib/audit/seal/README.md).
 *
 * Internal event ids come from one sequence but commit in any order, so a pass may only seal ids that no
 * open transaction can still add. Every transaction that writes audit events first takes the
 * write gate in shared mode (writers never wait for each other); a sealing pass takes it
 * exclusively for an instant, which waits out the writers in flight, and reads the sequence: every
 * id up to that value is then committed or gone for good.
 */
const AUDIT_WRITE_GATE = 0x61756469; // "audi"

/** Call first in any transaction that inserts audit events. */
export async function enterAuditWriteGate(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${AUDIT_WRITE_GATE})`);
}

/**
 * The highest event id that can be sealed now, or null when writers held the gate longer than
 * `waitMs` (the pass tries again later rather than hold new writers back).
 */
export async function sealableHorizon(db: Db, waitMs = 100): Promise<number | null> {
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = '${Math.max(1, Math.round(waitMs))}ms'`));
      await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_WRITE_GATE})`);
      const [seq] = rowsOf<{ last_value: string; is_called: boolean }>(
        await tx.execute(sql.raw('select last_value::text, is_called from audit_events_id_seq')),
      );
      if (!seq) return 0;
      return seq.is_called ? Number(seq.last_value) : Number(seq.last_value) - 1;
    });
  } catch (err) {
    if (isLockTimeout(err)) return null;
    throw err;
  }
}

function isLockTimeout(err: unknown): boolean {
  const code = (e: unknown) => (e as { code?: string } | null)?.code;
  return code(err) === '55P03' || code((err as { cause?: unknown })?.cause) === '55P03';
}

/** Sealing passes of several hub processes take turns; false when another one is sealing now. */
export async function trySealerLock(tx: Executor): Promise<boolean> {
  const [row] = rowsOf<{ locked: boolean }>(
    await tx.execute(sql`select pg_try_advisory_xact_lock(${AUDIT_WRITE_GATE + 1}) as locked`),
  );
  return row?.locked ?? false;
}

/** Every org is sealed through this id (all checkpoints of one pass share their range's end). */
export async function sealedThrough(db: Executor): Promise<number> {
  const [row] = rowsOf<{ to: string | null }>(
    await db.execute(sql`select max(to_event_id)::text as "to" from audit_checkpoints`),
  );
  return row?.to ? Number(row.to) : 0;
}

/** An event as sealing reads it: `id` is its org's number, `rowId` the internal id ranges use. */
export type SealRow = AuditRow & { orgId: string; rowId: string; data: string };

/** Events of every org with an id in (afterId, toId], by id, `limit` at a time. */
export async function selectSealRows(
  db: Executor,
  afterId: number,
  toId: number,
  limit: number,
  orgId?: string,
): Promise<SealRow[]> {
  // Qualified: a bare `id` in ORDER BY would sort the text column selected as id.
  const org = orgId ? sql`and e.org_id = ${orgId}` : sql``;
  const rows = rowsOf<AuditRawRow & { org_id: string; row_id: string; data: string }>(
    await db.execute(sql`select ${auditRowColumns}, org_id::text as org_id, e.id::text as row_id,
      data::text as data
      from audit_events e where e.id > ${afterId} and e.id <= ${toId} ${org}
      order by e.id limit ${limit}`),
  );
  return rows.map((r) => ({ ...mapAuditRow(r), orgId: r.org_id, rowId: r.row_id, data: r.data }));
}

export type CheckpointHead = { orgId: string; seq: number; hash: string; totalEvents: number };

/** Each org's newest checkpoint. */
export async function checkpointHeads(db: Executor): Promise<Map<string, CheckpointHead>> {
  const rows = rowsOf<{ org_id: string; seq: string; hash: string; total_events: string }>(
    // Qualified: the bare names in ORDER BY would sort the text columns selected (9 after 10).
    await db.execute(sql`select distinct on (c.org_id) c.org_id::text as org_id, c.seq::text as seq,
      c.hash, c.total_events::text as total_events from audit_checkpoints c
      order by c.org_id, c.seq desc`),
  );
  return new Map(
    rows.map((r) => [
      r.org_id,
      { orgId: r.org_id, seq: Number(r.seq), hash: r.hash, totalEvents: Number(r.total_events) },
    ]),
  );
}

export type CheckpointRecord = typeof auditCheckpoints.$inferSelect;
export type NewCheckpoint = typeof auditCheckpoints.$inferInsert;

export async function insertCheckpoints(db: Executor, rows: NewCheckpoint[]): Promise<void> {
  if (rows.length > 0) await db.insert(auditCheckpoints).values(rows);
}

/** An org's checkpoints in chain order, `limit` at a time after `afterSeq`. */
export async function listCheckpoints(
  db: Executor,
  orgId: string,
  afterSeq: number,
  limit: number,
): Promise<CheckpointRecord[]> {
  return db.query.auditCheckpoints.findMany({
    where: (c, { and, eq, gt }) => and(eq(c.orgId, orgId), gt(c.seq, afterSeq)),
    orderBy: (c, { asc }) => asc(c.seq),
    limit,
  });
}

/** Orgs that have events or checkpoints. */
export async function orgsWithTrail(db: Executor): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select id::text from orgs order by created_at, id`),
  );
  return rows.map((r) => r.id);
}

export type VerificationRecord = typeof auditVerifications.$inferSelect;

/** The type of the audit event retention writes when it drops an org's month. */
export const PARTITION_DROPPED = 'audit.retention.month_dropped';

/** Months of the org that retention dropped (period_start, ISO), from its own audit events. */
export async function droppedPeriods(db: Executor, orgId: string): Promise<Set<string>> {
  const rows = rowsOf<{ period: string | null }>(
    await db.execute(sql`select data->>'period_start' as period from audit_events
      where org_id = ${orgId} and type = ${PARTITION_DROPPED}`),
  );
  return new Set(rows.flatMap((r) => (r.period ? [r.period] : [])));
}

/** Events of the org with an id above `id`: not sealed yet. */
export async function countEventsAbove(db: Executor, orgId: string, id: number): Promise<number> {
  const [row] = rowsOf<{ n: string }>(
    await db.execute(
      sql`select count(*)::text as n from audit_events where org_id = ${orgId} and id > ${id}`,
    ),
  );
  return Number(row?.n ?? 0);
}

/** The org's newest verification, or its newest of one kind. */
export async function latestVerification(
  db: Executor,
  orgId: string,
  kind?: VerificationRecord['kind'],
): Promise<VerificationRecord | null> {
  const row = await db.query.auditVerifications.findFirst({
    where: (v, { and, eq }) =>
      kind ? and(eq(v.orgId, orgId), eq(v.kind, kind)) : eq(v.orgId, orgId),
    orderBy: (v, { desc }) => desc(v.finishedAt),
  });
  return row ?? null;
}

/** One checkpoint of the org by its seq. */
export async function checkpointAt(
  db: Executor,
  orgId: string,
  seq: number,
): Promise<CheckpointRecord | null> {
  const row = await db.query.auditCheckpoints.findFirst({
    where: (c, { and, eq }) => and(eq(c.orgId, orgId), eq(c.seq, seq)),
  });
  return row ?? null;
}

/** Events sealed by the org's checkpoints up to `throughSeq` in the given months (ISO period starts). */
export async function sealedEventsInPeriods(
  db: Executor,
  orgId: string,
  periods: Iterable<string>,
  throughSeq: number,
): Promise<number> {
  const list = [...periods];
  if (list.length === 0) return 0;
  const [row] = rowsOf<{ n: string | null }>(
    await db.execute(sql`select sum(event_count)::text as n from audit_checkpoints
      where org_id = ${orgId} and seq <= ${throughSeq}
      and period_start in (${sql.join(
        list.map((p) => sql`${p}::timestamptz`),
        sql`, `,
      )})`),
  );
  return Number(row?.n ?? 0);
}

const utc = (time: ReturnType<typeof sql>) =>
  sql`to_char(${time} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** How far an org's sealed checkpoints reach, and what is recorded but not sealed yet. */
export type SealingProgressRecord = {
  /** the org's newest checkpoint, null when none is sealed yet */
  head: {
    seq: number;
    totalEvents: number;
    lastRecordedAt: string;
    sealedAt: Date;
  } | null;
  unsealedEvents: number;
  /** recorded_at of the oldest event not sealed yet */
  oldestUnsealedAt: Date | null;
};

export async function sealingProgress(db: Executor, orgId: string): Promise<SealingProgressRecord> {
  const [head] = rowsOf<{
    seq: string;
    total_events: string;
    last_recorded_at: string;
    created_at: string;
  }>(
    await db.execute(sql`select c.seq::text as seq, c.total_events::text as total_events,
      c.last_recorded_at, ${utc(sql`c.created_at`)} as created_at from audit_checkpoints c
      where c.org_id = ${orgId} order by c.seq desc limit 1`),
  );
  const [waiting] = rowsOf<{ n: string; oldest: string | null }>(
    await db.execute(sql`select count(*)::text as n, ${utc(sql`min(recorded_at)`)} as oldest
      from audit_events
      where org_id = ${orgId}
      and id > (select coalesce(max(to_event_id), 0) from audit_checkpoints)`),
  );
  return {
    head: head
      ? {
          seq: Number(head.seq),
          totalEvents: Number(head.total_events),
          lastRecordedAt: head.last_recorded_at,
          sealedAt: new Date(head.created_at),
        }
      : null,
    unsealedEvents: Number(waiting?.n ?? 0),
    oldestUnsealedAt: waiting?.oldest ? new Date(waiting.oldest) : null,
  };
}

export async function insertVerification(
  db: Executor,
  row: typeof auditVerifications.$inferInsert,
): Promise<void> {
  await db.insert(auditVerifications).values(row);
}
