import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns';
import { apiTokenRoleEnum } from './enums';
import { orgs } from './orgs';

/** Admin API tokens (`hub_…`). Only a SHA-256 of the token is kept: tokens are 256-bit random. */
export const adminApiTokens = pgTable(
  'admin_api_tokens',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: apiTokenRoleEnum('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** the first characters, to recognise a token in lists and logs without revealing it */
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by'),
    /**
     * An org-owned service token (only owners make them): it outlives its maker. Any other token
     * made by a console user works only while that user is active.
     */
    service: boolean('service').notNull().default(false),
    createdAt: createdAt(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('admin_api_tokens_hash_key').on(t.tokenHash),
    index('admin_api_tokens_org_idx').on(t.orgId, t.createdAt),
  ],
);

export type AdminApiToken = typeof adminApiTokens.$inferSelect;
