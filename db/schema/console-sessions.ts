import { sql } from 'drizzle-orm';
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts } from './columns';
import { consoleUsers } from './console-users';
import { orgs } from './orgs';

/**
 * Every signed-in browser, console user or end user. The session cookie names a row here and
 * every request checks it, so a session ends for real on sign-out, a password change, a disable,
 * an owner's "End sessions", after being idle too long and at its absolute end — a copied cookie
 * stops working then too. Rows are kept after they end, with why, for 30 days (hourly upkeep,
 * lib/server/maintenance.ts).
 */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    /** 'console' | 'end_user', as HubSession's kind */
    kind: text('kind').notNull(),
    /** the console user; null for an end user. A removed user's sessions go with them. */
    userId: uuid('user_id').references(() => consoleUsers.id, { onDelete: 'cascade' }),
    /** an end user's identity (issuer + sub); null for a console user */
    issuer: text('issuer'),
    sub: text('sub'),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    /** the absolute end (HUB_SESSION_MAX_AGE after sign-in), however active the session is */
    expiresAt: ts('expires_at').notNull(),
    endedAt: ts('ended_at'),
    /** signed_out, password_changed, user_disabled, role_changed, ended_by_user, … */
    endReason: text('end_reason'),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [
    index('console_sessions_user_idx')
      .on(t.userId, t.lastSeenAt)
      .where(sql`${t.endedAt} is null`),
    index('console_sessions_org_idx').on(t.orgId, t.createdAt),
  ],
);

export type ConsoleSession = typeof consoleSessions.$inferSelect;
