/**
 * The hub's value tuples (roles, statuses, kinds…) for lib/, app/ and the browser. They are
 * defined beside the database enums they make (db/schema/values.ts), since db/ imports nothing
 * above it.
 */
export * from '@/db/schema/values';
