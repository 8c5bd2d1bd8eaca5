import { sql } from 'drizzle-orm';
import { bigint, boolean, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';

/** A tenant. The first start creates the default org; every other row belongs to one. */
export const orgs = pgTable('orgs', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  retentionDays: integer('retention_days').notNull().default(365),
  /** set when the demo was started for this org, so its sign-in stays offered after restarts */
  demoMode: boolean('demo_mode').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Per-org counters taken under a row lock, so revocation `seq` values are gap-free and ordered. */
export const orgCounters = pgTable('org_counters', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  revocationSeq: bigint('revocation_seq', { mode: 'bigint' })
    .notNull()
    .default(sql`0`),
});

export type Org = typeof orgs.$inferSelect;
