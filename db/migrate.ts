import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { HubDatabase } from './client';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

// Any fixed number: every hub process that starts against the same PostgreSQL takes this lock,
// so concurrent starts apply the migrations once, one after the other.
const MIGRATION_LOCK = 7_264_019;

export async function runMigrations(
  database: HubDatabase,
  folder = MIGRATIONS_FOLDER,
): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    return;
  }
  const pg = database.pg!;
  const lock = await pg.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(database.db as unknown as PostgresJsDatabase, {
      migrationsFolder: folder,
    });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    lock.release();
  }
}
