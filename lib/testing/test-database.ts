import { randomBytes } from 'node:crypto';
import os from 'node:os';
import postgres from 'postgres';
import { openDatabase, openMemoryDatabase, type HubDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';

export type TestDatabase = HubDatabase & {
  /** Closes the connection and, on PostgreSQL, drops the database. */
  dispose(): Promise<void>;
};

function adminClient(url: string): postgres.Sql {
  return postgres(url, { max: 1, onnotice: () => {} });
}

/**
 * A private, migrated database for one test file: a fresh `hub_test_<random>` database on the
 * server of DATABASE_URL when it is set, otherwise an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = openMemoryDatabase();
    try {
      await runMigrations(database);
    } catch (err) {
      await database.close();
      throw err;
    }
    return { ...database, dispose: () => database.close() };
  }

  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = adminClient(serverUrl);
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  const drop = async () => {
    const dropper = adminClient(serverUrl);
    try {
      await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await dropper.end({ timeout: 5 });
    }
  };

  // dataDir is only read for PGlite; point it somewhere harmless.
  const database = openDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir() });
  try {
    await runMigrations(database);
  } catch (err) {
    await database.close();
    await drop();
    throw err;
  }
  return {
    ...database,
    dispose: async () => {
      try {
        await database.close();
      } finally {
        await drop();
      }
    },
  };
}
