import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns';
import { tokenTypeEnum } from './enums';
import { orgs } from './orgs';

/**
 * A token the hub knows by its `token_ref` (jti or hash), never by its value. A revocation may
 * arrive before the issuance: the row then exists with `issuedAt` null and stays revoked.
 */
export const tokens = pgTable(
  'tokens',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    tokenRef: text('token_ref').notNull(),
    tokenType: tokenTypeEnum('token_type'),
    agentId: uuid('agent_id'),
    subjectId: uuid('subject_id'),
    consentId: uuid('consent_id'),
    familyId: text('family_id'),
    parentRef: text('parent_ref'),
    scopes: text('scopes').array().notNull().default([]),
    resource: text('resource'),
    grantType: text('grant_type'),
    issuedAt: ts('issued_at'),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
    revocationReason: text('revocation_reason'),
    lastUsedAt: ts('last_used_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tokens_ref_key').on(t.orgId, t.tokenRef),
    index('tokens_family_idx').on(t.orgId, t.familyId),
    index('tokens_agent_idx').on(t.orgId, t.agentId, t.expiresAt),
    index('tokens_subject_idx').on(t.orgId, t.subjectId),
    index('tokens_consent_idx').on(t.orgId, t.consentId),
  ],
);

export type Token = typeof tokens.$inferSelect;
