import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns';
import { consentChangeEnum, consentMechanismEnum, consentStatusEnum } from './enums';
import { agents } from './agents';
import { orgs } from './orgs';
import { subjects } from './subjects';

/**
 * What one subject granted one agent, optionally for one resource. `key` is the authorization
 * server's consent_id when it sends one, else `agent|subject|resource`.
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

/** Every change of a consent's scopes: granted, widened (step-up), narrowed, revoked. */
export const consentScopeChanges = pgTable(
  'consent_scope_changes',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    consentId: uuid('consent_id')
      .notNull()
      .references(() => consents.id, { onDelete: 'cascade' }),
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

export type Consent = typeof consents.$inferSelect;
