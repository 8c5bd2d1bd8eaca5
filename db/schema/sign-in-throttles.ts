import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * Failed password sign-ins, counted per (account, address), per address and per account, shared by
 * every hub process. `locked_until` is set once a key passes its rule's threshold and grows with
 * each further failure (lib/auth/sign-in-throttle.ts). Infrastructure, not tenant data: no org.
 */
export const signInThrottles = pgTable('sign_in_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: ts('last_failure_at').notNull(),
  lockedUntil: ts('locked_until'),
});
