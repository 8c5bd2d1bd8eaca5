import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns';
import { sourceKindEnum, sourceStatusEnum } from './enums';
import { orgs } from './orgs';

/** A system that pushes signed events: an authorization server, an MCP server or a gateway. */
export const sources = pgTable(
  'sources',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: sourceKindEnum('kind').notNull(),
    issuer: text('issuer'),
    resource: text('resource'),
    /** a gateway's resources beyond `resource`: it speaks for all of them (ingestion.md) */
    additionalResources: text('additional_resources')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    revocationWebhookUrl: text('revocation_webhook_url'),
    /** false: listed under an entry's enforcement but never counted (e.g. an AS that only reports) */
    enforcesRevocations: boolean('enforces_revocations').notNull().default(true),
    /** how far it has applied the org's entries (`revocation.applied`); only moves forward */
    appliedThroughSeq: bigint('applied_through_seq', { mode: 'bigint' }),
    /** the hub's time of its last `revocation.applied`, advancing or a heartbeat */
    lastHeartbeatAt: ts('last_heartbeat_at'),
    /** the hub's time of the last push delivery it answered 2xx */
    lastPushDeliveredAt: ts('last_push_delivered_at'),
    status: sourceStatusEnum('status').notNull().default('active'),
    /** SHA-256 of the `hubsrc_…` API key */
    apiKeyHash: text('api_key_hash').notNull(),
    apiKeyPrefix: text('api_key_prefix').notNull(),
    /** the key a rotation replaced: it keeps working until `previous_api_key_expires_at` */
    previousApiKeyHash: text('previous_api_key_hash'),
    previousApiKeyExpiresAt: ts('previous_api_key_expires_at'),
    /** events per minute before 429 */
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull().default(6000),
    acceptedCount: bigint('accepted_count', { mode: 'number' }).notNull().default(0),
    duplicateCount: bigint('duplicate_count', { mode: 'number' }).notNull().default(0),
    refusedCount: bigint('refused_count', { mode: 'number' }).notNull().default(0),
    lastEventAt: ts('last_event_at'),
    disabledAt: ts('disabled_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sources_api_key_key').on(t.apiKeyHash),
    index('sources_previous_api_key_idx')
      .on(t.previousApiKeyHash)
      .where(sql`${t.previousApiKeyHash} is not null`),
    index('sources_org_idx').on(t.orgId, t.createdAt),
  ],
);

/**
 * Signing secrets, encrypted with HUB_ENCRYPTION_KEY (AES-256-GCM). Rotation adds a secret and
 * gives the previous one an `expires_at`; any unexpired secret verifies.
 */
export const sourceSecrets = pgTable(
  'source_secrets',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    ciphertext: text('ciphertext').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at'),
  },
  (t) => [index('source_secrets_source_idx').on(t.sourceId)],
);

/** The last refusals per source, so an operator can debug a sender without reading logs. */
export const ingestionRefusals = pgTable(
  'ingestion_refusals',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
    status: integer('status').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('ingestion_refusals_source_idx').on(t.sourceId, t.at)],
);

/** Idempotency: every accepted (source, event id), kept for good, independent of audit retention. */
export const ingestedEvents = pgTable(
  'ingested_events',
  {
    orgId: uuid('org_id').notNull(),
    sourceId: uuid('source_id').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.eventId] })],
);

export type Source = typeof sources.$inferSelect;
