import { desc, sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns';
import { actorTypeEnum } from './enums';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * What free text in the audit trail matches, computed by the database on every write so all
 * writers agree: the words of the readable fields split on anything not a letter or digit, plus the
 * whole identifiers, so `alice`, `alice@corp` and `203.0.113` all find `alice@corp.example` or
 * `203.0.113.5` by prefix (lib/audit/search-text.ts builds the matching query). Lengths are capped
 * because a lexeme may not pass 2,047 bytes. `array_to_tsvector` uses no text-search
 * configuration or extension, so PGlite and PostgreSQL index the same lexemes.
 */
const searchVector = sql`array_to_tsvector(array_remove(array_remove(
  regexp_split_to_array(lower(
    coalesce(left(summary, 500), '') || ' ' || coalesce(left(actor_label, 200), '') || ' ' ||
    coalesce(left(client_id, 500), '') || ' ' || coalesce(left(sub, 200), '') || ' ' ||
    coalesce(left(tool, 200), '') || ' ' || coalesce(left(token_ref, 200), '') || ' ' ||
    coalesce(left(ip, 100), '') || ' ' || coalesce(left(reason, 500), '')
  ), '[^[:alnum:]]+')
  || array[lower(left(client_id, 200)), lower(left(sub, 200)), lower(left(tool, 200)),
    lower(left(token_ref, 200)), lower(left(ip, 100)), lower(left(actor_label, 200))],
  ''), null))`;

/**
 * The audit trail. On disk this is partitioned by month of `recorded_at` (the hub's clock, so a
 * partition is never written to after its month ends): see the first migration and
 * db/queries/audit-partitions.ts. Retention drops whole partitions. No foreign keys, so a drop
 * never has to check anything.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    /** the hub's own order of writing, used by sealing; never shown outside (see `number`) */
    id: bigserial('id', { mode: 'number' }).notNull(),
    orgId: uuid('org_id').notNull(),
    /**
     * The event's id as the API and console show it: 1, 2, 3… within its org, from a sequence of
     * the org's own (the audit_events_number trigger of migration 0009 takes it when an insert
     * leaves 0), so one org's ids say nothing of another's volume.
     */
    number: bigint('number', { mode: 'number' }).notNull().default(0),
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
    /** free-text search (see searchVector); never selected for display */
    search: tsvector('search').generatedAlwaysAs(searchVector),
  },
  (t) => [
    // org_id is in the key because each month is partitioned again by org (per-org retention drops
    // an org's month as one table); PostgreSQL wants every partition column in a unique key.
    primaryKey({ columns: [t.id, t.recordedAt, t.orgId] }),
    index('audit_events_org_time_idx').on(t.orgId, desc(t.occurredAt), desc(t.number)),
    index('audit_events_agent_idx').on(t.orgId, t.agentId, desc(t.occurredAt), desc(t.number)),
    index('audit_events_subject_idx').on(t.orgId, t.subjectId, desc(t.occurredAt), desc(t.number)),
    index('audit_events_type_idx').on(t.orgId, t.type, desc(t.occurredAt), desc(t.number)),
    index('audit_events_resource_idx').on(t.orgId, t.resource, desc(t.occurredAt), desc(t.number)),
    index('audit_events_recorded_idx').on(t.orgId, t.recordedAt, t.id),
    index('audit_events_number_idx').on(t.orgId, t.number),
    // The audit page filters on one field at a time and pages by (occurred_at, number) within the
    // org; each filterable field leads its own index so any page of it is a short index walk.
    // Partial: most rows lack a tool or an outcome, and what is not indexed costs no write.
    index('audit_events_tool_idx')
      .on(t.orgId, t.tool, desc(t.occurredAt), desc(t.number))
      .where(sql`${t.tool} is not null`),
    index('audit_events_outcome_idx')
      .on(t.orgId, t.outcome, desc(t.occurredAt), desc(t.number))
      .where(sql`${t.outcome} is not null`),
    index('audit_events_ip_idx')
      .on(t.orgId, t.ip, desc(t.occurredAt), desc(t.number))
      .where(sql`${t.ip} is not null`),
    index('audit_events_source_idx')
      .on(t.orgId, t.sourceId, desc(t.occurredAt), desc(t.number))
      .where(sql`${t.sourceId} is not null`),
    index('audit_events_search_idx').using('gin', t.search),
  ],
);

/**
 * Sealed checkpoints over each org's trail (lib/audit/seal/README.md). A sealing pass takes every
 * event with an id in (from_event_id, to_event_id] and writes one checkpoint per org and month of
 * `recorded_at` (a month is what retention drops): the count and Merkle root of those events,
 * chained to the org's previous checkpoint by its hash and signed with the hub's Ed25519 key.
 */
export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** first instant of the month whose events this checkpoint seals */
    periodStart: ts('period_start').notNull(),
    /**
     * 1 signs the range of internal ids below and seals events with those ids; 2 (since migration
     * 0009) signs neither, and seals events with their org's numbers, so a sealed export says
     * nothing of other orgs. The range is kept in both for verifying.
     */
    version: smallint('version').notNull().default(1),
    fromEventId: bigint('from_event_id', { mode: 'number' }).notNull(),
    toEventId: bigint('to_event_id', { mode: 'number' }).notNull(),
    eventCount: bigint('event_count', { mode: 'number' }).notNull(),
    /** events sealed in the org up to and including this checkpoint */
    totalEvents: bigint('total_events', { mode: 'number' }).notNull(),
    /** the latest recorded_at among its events, exact to the microsecond */
    lastRecordedAt: text('last_recorded_at').notNull(),
    merkleRoot: text('merkle_root').notNull(),
    previousHash: text('previous_hash'),
    /** SHA-256 of the signed payload: what the next checkpoint's previous_hash names */
    hash: text('hash').notNull(),
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('audit_checkpoints_org_seq_idx').on(t.orgId, t.seq),
    index('audit_checkpoints_to_event_idx').on(t.toEventId),
  ],
);

/** Public halves of every key that has signed checkpoints, published at /api/v1/audit/keys. */
export const auditSigningKeys = pgTable('audit_signing_keys', {
  /** RFC 7638 thumbprint of the public JWK */
  keyId: text('key_id').primaryKey(),
  publicJwk: jsonb('public_jwk').notNull(),
  createdAt: createdAt(),
});

/** The outcome of each verification of an org's trail: what the console badge shows. */
export const auditVerifications = pgTable(
  'audit_verifications',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull(),
    ok: boolean('ok').notNull(),
    checkpoints: bigint('checkpoints', { mode: 'number' }).notNull(),
    /** events proven by checkpoints (dropped by retention ones excluded) */
    events: bigint('events', { mode: 'number' }).notNull(),
    /** recorded_at of the newest sealed event proven */
    verifiedThrough: ts('verified_through'),
    headSeq: bigint('head_seq', { mode: 'number' }),
    headHash: text('head_hash'),
    unsealedEvents: bigint('unsealed_events', { mode: 'number' }).notNull().default(0),
    droppedEvents: bigint('dropped_events', { mode: 'number' }).notNull().default(0),
    problems: jsonb('problems').notNull().default([]),
    /**
     * `full` read every checkpoint and event; `incremental` only the checkpoints sealed after the
     * head of the last successful run, chained on from that head (lib/audit/seal/README.md).
     */
    kind: text('kind').$type<'full' | 'incremental'>().notNull().default('full'),
    /** seq of the first checkpoint this run read (null: it read none) */
    checkedFromSeq: bigint('checked_from_seq', { mode: 'number' }),
    /** checkpoints and events this run itself read; null in rows of runs before incremental ones */
    checkedCheckpoints: bigint('checked_checkpoints', { mode: 'number' }),
    checkedEvents: bigint('checked_events', { mode: 'number' }),
  },
  (t) => [index('audit_verifications_org_idx').on(t.orgId, desc(t.finishedAt))],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
