import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns';
import { deliveryStatusEnum, revocationKindEnum } from './enums';
import { orgs } from './orgs';
import { sources } from './sources';

/** A revocation entry (shared/spec/revocation.md); `seq` is per org and strictly increasing. */
export const revocationEntries = pgTable(
  'revocation_entries',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'bigint' }).notNull(),
    kind: revocationKindEnum('kind').notNull(),
    tokenRef: text('token_ref'),
    familyId: text('family_id'),
    issuer: text('issuer'),
    clientId: text('client_id'),
    sub: text('sub'),
    revokedAt: ts('revoked_at').notNull(),
    notBefore: ts('not_before'),
    reason: text('reason'),
    actor: jsonb('actor').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('revocation_entries_seq_key').on(t.orgId, t.seq),
    index('revocation_entries_token_idx').on(t.orgId, t.tokenRef),
    index('revocation_entries_client_idx').on(t.orgId, t.issuer, t.clientId),
    // what db/queries/refusals.ts and leak detection look up for every token, consent, agent and
    // event they read
    index('revocation_entries_family_idx').on(t.orgId, t.familyId),
    index('revocation_entries_subject_idx').on(t.orgId, t.issuer, t.sub),
  ],
);

/** The push outbox: one row per (entry, source with a revocation webhook). */
export const outboxDeliveries = pgTable(
  'outbox_deliveries',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => revocationEntries.id, { onDelete: 'cascade' }),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    targetUrl: text('target_url').notNull(),
    status: deliveryStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastAttemptAt: ts('last_attempt_at'),
    deliveredAt: ts('delivered_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('outbox_deliveries_entry_source_key').on(t.entryId, t.sourceId),
    index('outbox_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => outboxDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: ts('attempted_at').notNull().defaultNow(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms'),
  },
  (t) => [index('delivery_attempts_delivery_idx').on(t.deliveryId, t.attemptedAt)],
);

/**
 * Each `revocation.applied` that moved a source's position: entries with `seq` ≤ `through_seq`
 * are enforced there from `acked_at` (the event's time). Heartbeats add no row.
 */
export const revocationAcks = pgTable(
  'revocation_acks',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    throughSeq: bigint('through_seq', { mode: 'bigint' }).notNull(),
    ackedAt: ts('acked_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('revocation_acks_source_idx').on(t.sourceId, t.throughSeq, t.ackedAt)],
);

/**
 * A leak: events showing that a token an entry covers still worked at a source more than 5 s
 * after the entry (shared/spec/revocation.md, Enforcement). One row per (entry, source): the
 * first is audited, later ones are counted here.
 */
export const revocationLeaks = pgTable(
  'revocation_leaks',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => revocationEntries.id, { onDelete: 'cascade' }),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    /** the agent the leaking events named, if any */
    agentId: uuid('agent_id'),
    clientId: text('client_id'),
    sub: text('sub'),
    /** leaking events in all, and how many of them were refresh-token grants of an AS */
    count: integer('count').notNull().default(1),
    refreshes: integer('refreshes').notNull().default(0),
    /** the leaking events' times, first and last */
    firstAt: ts('first_at').notNull(),
    lastAt: ts('last_at').notNull(),
    detectedAt: ts('detected_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('revocation_leaks_entry_source_key').on(t.entryId, t.sourceId),
    index('revocation_leaks_org_idx').on(t.orgId, t.detectedAt, t.id),
  ],
);

export type RevocationEntry = typeof revocationEntries.$inferSelect;
export type RevocationLeak = typeof revocationLeaks.$inferSelect;
