import { desc } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns';
import { actorTypeEnum } from './enums';

/**
 * The audit trail. On disk this is partitioned by month of `recorded_at` (the hub's clock, so a
 * partition is never written to after its month ends): see the first migration and
 * db/queries/audit-partitions.ts. Retention drops whole partitions. No foreign keys, so a drop
 * never has to check anything.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    orgId: uuid('org_id').notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
    occurredAt: ts('occurred_at').notNull(),
    type: text('type').notNull(),
    /** false for event types this hub does not know: kept, but changed nothing */
    understood: boolean('understood').notNull().default(true),
    sourceId: uuid('source_id'),
    sourceEventId: text('source_event_id'),
    actorType: actorTypeEnum('actor_type'),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    agentId: uuid('agent_id'),
    issuer: text('issuer'),
    clientId: text('client_id'),
    subjectId: uuid('subject_id'),
    sub: text('sub'),
    resource: text('resource'),
    tool: text('tool'),
    tokenRef: text('token_ref'),
    outcome: text('outcome'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    reason: text('reason'),
    /** one line a person can read in a list */
    summary: text('summary').notNull(),
    /** the raw CloudEvent for ingested events; the before/after of an admin action */
    data: jsonb('data').notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.recordedAt] }),
    index('audit_events_org_time_idx').on(t.orgId, desc(t.occurredAt), desc(t.id)),
    index('audit_events_agent_idx').on(t.orgId, t.agentId, desc(t.occurredAt), desc(t.id)),
    index('audit_events_subject_idx').on(t.orgId, t.subjectId, desc(t.occurredAt), desc(t.id)),
    index('audit_events_type_idx').on(t.orgId, t.type, desc(t.occurredAt), desc(t.id)),
    index('audit_events_resource_idx').on(t.orgId, t.resource, desc(t.occurredAt), desc(t.id)),
    index('audit_events_recorded_idx').on(t.orgId, t.recordedAt, t.id),
  ],
);

/**
 * Sealed checkpoints over each org's trail: a Merkle root of the events recorded since the
 * previous checkpoint, chained to it and signed with the hub's Ed25519 key.
 */
export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    fromEventId: bigint('from_event_id', { mode: 'number' }).notNull(),
    toEventId: bigint('to_event_id', { mode: 'number' }).notNull(),
    eventCount: bigint('event_count', { mode: 'number' }).notNull(),
    totalEvents: bigint('total_events', { mode: 'number' }).notNull(),
    merkleRoot: text('merkle_root').notNull(),
    previousHash: text('previous_hash'),
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_checkpoints_org_idx').on(t.orgId, t.seq)],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
