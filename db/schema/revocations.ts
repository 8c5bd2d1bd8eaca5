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
    // what db/queries/refusals.ts looks up for every token, consent and agent it reads
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

export type RevocationEntry = typeof revocationEntries.$inferSelect;
