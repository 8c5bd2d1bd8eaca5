import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { openMemoryDatabase, type HubDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { openPostgresTest } from './postgres-database';

export type TestDatabase = HubDatabase & {
  /** Closes the connection and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>;
};

// Read once per worker: each file's database is a fresh copy of the same bytes.
let pgliteTemplate: Blob | undefined;

/**
 * A private, migrated database for one test file: a fresh `hub_test_<random>` database on the
 * server of DATABASE_URL when it is set, otherwise an in-memory PGlite. Both are copies of the
 * template lib/testing/global-setup.ts migrated once for the run.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    pgliteTemplate ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
    const database = openMemoryDatabase(pgliteTemplate);
    return { ...database, dispose: () => database.close() };
  }

  const template = inject('postgresTemplate');
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const { database, drop } = await openPostgresTest(serverUrl, name, template);
  if (!template) {
    try {
      await runMigrations(database);
    } catch (err) {
      await drop();
      throw err;
    }
  }
  return { ...database, dispose: drop };
}
