import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns';
import { orgs } from './orgs';

/** An end user on whose behalf agents act, keyed by (issuer, sub). */
export const subjects = pgTable(
  'subjects',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    sub: text('sub').notNull(),
    name: text('name'),
    email: text('email'),
    lastSeenAt: ts('last_seen_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('subjects_key').on(t.orgId, t.issuer, t.sub),
    index('subjects_sub_idx').on(t.orgId, t.sub),
  ],
);

export type Subject = typeof subjects.$inferSelect;
