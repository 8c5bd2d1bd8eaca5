import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** the consent's key (see consents.key), so a token issued before its consent arrives links up */
    consentKey: text('consent_key'),
    familyId: text('family_id'),
    parentRef: text('parent_ref'),
    scopes: text('scopes').array().notNull().default([]),
    resource: text('resource'),
    grantType: text('grant_type'),
    issuedAt: ts('issued_at'),
    expiresAt: ts('expires_at'),
    /** its own token.revoked (the earliest), kept apart so `revokedAt` can be recomputed */
    ownRevokedAt: ts('own_revoked_at'),
    ownRevocationReason: text('own_revocation_reason'),
    /**
     * The earliest end that reaches it: its own revocation, its family's, a revocation of its
     * agent (deletion), subject or consent, or its consent's end. Recomputed from those whenever
     * one of them changes.
     */
    revokedAt: ts('revoked_at'),
    revocationReason: text('revocation_reason'),
    /** what ended it: 'token' (its own revocation), 'family', 'agent' (deleted) or 'consent' */
    revokedBy: text('revoked_by'),
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
    index('tokens_consent_key_idx').on(t.orgId, t.consentKey),
  ],
);

/**
 * Refresh-token families revoked as a whole (token.revoked with family_id, token.reuse_detected):
 * the earliest revocation, applied to tokens of the family whenever they arrive.
 */
export const tokenFamilyRevocations = pgTable(
  'token_family_revocations',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    familyId: text('family_id').notNull(),
    revokedAt: ts('revoked_at').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.familyId] })],
);

export type Token = typeof tokens.$inferSelect;
