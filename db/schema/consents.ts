import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns';
import { consentChangeEnum, consentMechanismEnum, consentStatusEnum } from './enums';
import { agents } from './agents';
import { orgs } from './orgs';
import { subjects } from './subjects';

/**
 * What one subject granted one agent, optionally for one resource. `key` is
 * `c|agentId|subjectId|consent_id` when the authorization server sends a consent_id, else
 * `r|agentId|subjectId|resource` (resource '' when none). The scopes, status and times are a
 * projection of the consent's scope history (consent_scope_changes).
 */
export const consents = pgTable(
  'consents',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    externalId: text('external_id'),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id, { onDelete: 'cascade' }),
    resource: text('resource'),
    scopes: text('scopes').array().notNull().default([]),
    status: consentStatusEnum('status').notNull().default('active'),
    mechanism: consentMechanismEnum('mechanism'),
    grantedAt: ts('granted_at').notNull(),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
    lastUsedAt: ts('last_used_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('consents_key').on(t.orgId, t.key),
    index('consents_agent_idx').on(t.orgId, t.agentId, t.status),
    index('consents_subject_idx').on(t.orgId, t.subjectId, t.status),
  ],
);

/**
 * The scope history of a consent: one row per grant, and one per revocation that reached it (its
 * own, its agent–subject pair's, or its agent's deletion). `kind`/`requested` are what the event
 * asked; `change`, `added`, `removed` and `scopesAfter` are its effect, computed by replaying the
 * rows in `occurred_at` order, so the history reads the same whatever order events arrived in.
 */
export const consentScopeChanges = pgTable(
  'consent_scope_changes',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    consentId: uuid('consent_id')
      .notNull()
      .references(() => consents.id, { onDelete: 'cascade' }),
    /** 'grant' or 'revoke' */
    kind: text('kind').notNull().default('grant'),
    /** the scopes the event named; null for a revocation of every scope */
    requested: text('requested').array(),
    /** a grant's resource, expiry and mechanism: the newest grant's become the consent's */
    resource: text('resource'),
    expiresAt: ts('expires_at'),
    mechanism: consentMechanismEnum('mechanism'),
    /** set on rows that mirror a grant_revocations row into this consent's history */
    revocationId: uuid('revocation_id').references(() => grantRevocations.id, {
      onDelete: 'cascade',
    }),
    change: consentChangeEnum('change').notNull(),
    added: text('added').array().notNull().default([]),
    removed: text('removed').array().notNull().default([]),
    scopesAfter: text('scopes_after').array().notNull().default([]),
    occurredAt: ts('occurred_at').notNull(),
    actor: jsonb('actor'),
    reason: text('reason'),
    sourceEventId: text('source_event_id'),
    createdAt: createdAt(),
  },
  (t) => [index('consent_scope_changes_consent_idx').on(t.consentId, t.occurredAt)],
);

/**
 * Revocations of consents as authorization servers report them, kept so they also reach consents
 * and tokens that arrive later: a null `subjectId`, `consentKey`, `resource` or `scopes` means
 * every subject, consent, resource or scope of the agent. An agent's deletion is one with only
 * `agentId` set.
 */
export const grantRevocations = pgTable(
  'grant_revocations',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    subjectId: uuid('subject_id').references(() => subjects.id, { onDelete: 'cascade' }),
    consentKey: text('consent_key'),
    resource: text('resource'),
    scopes: text('scopes').array(),
    occurredAt: ts('occurred_at').notNull(),
    /** the event that made it: consent.revoked or client.deleted */
    eventType: text('event_type').notNull(),
    reason: text('reason'),
    actor: jsonb('actor'),
    sourceEventId: text('source_event_id'),
    createdAt: createdAt(),
  },
  (t) => [index('grant_revocations_agent_idx').on(t.orgId, t.agentId, t.subjectId)],
);

/** When an agent last used a resource for a subject: a consent's last use, in any arrival order. */
export const grantUsage = pgTable(
  'grant_usage',
  {
    orgId: uuid('org_id').notNull(),
    agentId: uuid('agent_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    resource: text('resource').notNull(),
    lastUsedAt: ts('last_used_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.agentId, t.subjectId, t.resource] })],
);

export type Consent = typeof consents.$inferSelect;
