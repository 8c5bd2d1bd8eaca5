import { and, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../client';
import { enterAuditWriteGate } from './audit-seal';
import { encodeAuditCursor, type AuditCursor } from './audit-cursor';
import { auditEvents, type NewAuditEvent } from '../schema';

/** A row for the audit trail; lib/audit/record.ts holds the hub's own writes to the catalogue. */
export type AuditRowInput = Omit<
  NewAuditEvent,
  'id' | 'number' | 'orgId' | 'recordedAt' | 'occurredAt'
> & {
  occurredAt?: Date;
};

/**
 * Appends to the audit trail. Call it with the transaction that makes the change it records; it
 * opens one of its own otherwise, since the write gate of sealing lasts as long as a transaction.
 */
export async function insertAuditRow(
  db: Executor,
  orgId: string,
  input: AuditRowInput,
): Promise<void> {
  if (!isTransaction(db)) {
    return db.transaction((tx) => insertAuditRow(tx, orgId, input));
  }
  await enterAuditWriteGate(db);
  await db
    .insert(auditEvents)
    .values({ ...input, orgId, occurredAt: input.occurredAt ?? new Date() });
}

function isTransaction(db: Executor): db is Tx {
  return typeof (db as Partial<Tx>).rollback === 'function';
}

export type AuditListFilter = { type?: string; actorId?: string };

export const auditListColumns = {
  id: auditEvents.number,
  occurredAt: auditEvents.occurredAt,
  recordedAt: auditEvents.recordedAt,
  type: auditEvents.type,
  actorType: auditEvents.actorType,
  actorId: auditEvents.actorId,
  actorLabel: auditEvents.actorLabel,
  clientId: auditEvents.clientId,
  sub: auditEvents.sub,
  resource: auditEvents.resource,
  tool: auditEvents.tool,
  outcome: auditEvents.outcome,
  ip: auditEvents.ip,
  summary: auditEvents.summary,
};

/** Newest first, keyset-paged on (occurred_at, number) so any depth costs the same. */
export async function listAuditEvents(
  db: Executor,
  orgId: string,
  options: { filter?: AuditListFilter; cursor?: AuditCursor | null; limit: number },
) {
  const where: SQL[] = [eq(auditEvents.orgId, orgId)];
  if (options.filter?.type) where.push(eq(auditEvents.type, options.filter.type));
  if (options.filter?.actorId) where.push(eq(auditEvents.actorId, options.filter.actorId));
  if (options.cursor) {
    const at = new Date(options.cursor.occurredAt);
    // A row comparison, so the index walk starts at the cursor (see audit-trail.ts).
    where.push(
      lte(auditEvents.occurredAt, at),
      sql`(${auditEvents.occurredAt}, ${auditEvents.number}) < (${at.toISOString()}::timestamptz, ${options.cursor.id}::bigint)`,
    );
  }
  const rows = await db
    .select(auditListColumns)
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.number))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > options.limit && last
      ? encodeAuditCursor({ occurredAt: last.occurredAt.toISOString(), id: last.id })
      : null;
  return { items: page, nextCursor };
}
