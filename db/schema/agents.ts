import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns';
import {
  actorTypeEnum,
  clientTypeEnum,
  registrationMethodEnum,
  verificationStatusEnum,
} from './enums';
import { orgs } from './orgs';

/** An agent: one OAuth client of an authorization server, keyed by (issuer, client_id). */
export const agents = pgTable(
  'agents',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    registrationMethod: registrationMethodEnum('registration_method').notNull().default('manual'),
    clientType: clientTypeEnum('client_type'),
    applicationType: text('application_type'),
    clientName: text('client_name'),
    clientUri: text('client_uri'),
    logoUri: text('logo_uri'),
    redirectUris: text('redirect_uris').array().notNull().default([]),
    grantTypes: text('grant_types').array().notNull().default([]),
    tokenEndpointAuthMethod: text('token_endpoint_auth_method'),
    softwareId: text('software_id'),
    softwareVersion: text('software_version'),
    softwareStatementIss: text('software_statement_iss'),
    contacts: text('contacts').array().notNull().default([]),
    scope: text('scope'),
    /** the registration metadata as last received, for the raw view */
    metadata: jsonb('metadata').notNull().default({}),
    /** groups re-registrations of the same client (CIMD URL, software_id, or name + redirect host) */
    familyKey: text('family_key'),
    verificationStatus: verificationStatusEnum('verification_status').notNull().default('pending'),
    statusChangedAt: ts('status_changed_at'),
    /** tokens issued before this instant are refused after a suspension is lifted */
    notBefore: ts('not_before'),
    /** time of the newest client.registered/updated applied */
    metadataTime: ts('metadata_time'),
    /** first client.registered */
    registeredAt: ts('registered_at'),
    /** newest client.registered: a registration newer than every deletion brings the agent back */
    lastRegisteredAt: ts('last_registered_at'),
    /** newest client.deleted, kept even while a newer registration makes `deletedAt` null */
    lastDeletedAt: ts('last_deleted_at'),
    /** lastDeletedAt while no registration is newer, else null */
    deletedAt: ts('deleted_at'),
    lastSeenAt: ts('last_seen_at'),
    lastUsedAt: ts('last_used_at'),
    reuseDetectedAt: ts('reuse_detected_at'),
    passthroughDetectedAt: ts('passthrough_detected_at'),
    denialCount: bigint('denial_count', { mode: 'number' }).notNull().default(0),
    rejectionCount: bigint('rejection_count', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agents_client_key').on(t.orgId, t.issuer, t.clientId),
    index('agents_status_idx').on(t.orgId, t.verificationStatus, t.createdAt),
    index('agents_family_idx').on(t.orgId, t.familyKey),
    index('agents_name_idx').on(t.orgId, sql`lower(${t.clientName})`),
  ],
);

/**
 * The metadata history of an agent: one row per client.registered/updated event. `fields` is what
 * the event said; `changes` ({field: {from, to}}) is what it changed, computed by replaying the
 * rows in `occurred_at` order, so it reads the same whatever order the events arrived in. A row
 * whose event changed nothing has `changes` = {}.
 */
export const agentMetadataChanges = pgTable(
  'agent_metadata_changes',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    occurredAt: ts('occurred_at').notNull(),
    /** 'registered' (replaces all metadata) or 'updated' (changes the fields it names) */
    kind: text('kind').notNull().default('updated'),
    method: registrationMethodEnum('method'),
    fields: jsonb('fields').notNull().default({}),
    changes: jsonb('changes').notNull(),
    sourceEventId: text('source_event_id'),
    createdAt: createdAt(),
  },
  (t) => [index('agent_metadata_changes_agent_idx').on(t.agentId, t.occurredAt)],
);

/** Verification status history with its evidence and the reason given. */
export const agentVerifications = pgTable(
  'agent_verifications',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    fromStatus: verificationStatusEnum('from_status'),
    toStatus: verificationStatusEnum('to_status').notNull(),
    reason: text('reason'),
    /** e.g. [{kind: 'cimd_domain', ok: true, detail: '…'}] */
    evidence: jsonb('evidence').notNull().default([]),
    actorType: actorTypeEnum('actor_type').notNull(),
    actorId: text('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [index('agent_verifications_agent_idx').on(t.agentId, t.createdAt)],
);

export type Agent = typeof agents.$inferSelect;
