// Vitest's global setup: migrates one template database per run, which every test file then
// copies (PostgreSQL `CREATE DATABASE … TEMPLATE`, a PGlite data-folder dump) instead of running
// the migrations again for each file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpMemoryDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { openPostgresTest } from './postgres-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a tarball of a migrated PGlite data folder */
    pgliteTemplate: string;
    /** the migrated database on DATABASE_URL's server that test databases are copied from */
    postgresTemplate: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'hub-test-template-'));
  const file = path.join(folder, 'pglite.tar');
  const dump = await dumpMemoryDatabase(runMigrations);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);

  const serverUrl = process.env.DATABASE_URL;
  let dropTemplate: (() => Promise<void>) | undefined;
  if (serverUrl) {
    const name = `hub_test_template_${randomBytes(6).toString('hex')}`;
    const { database, drop } = await openPostgresTest(serverUrl, name, null);
    dropTemplate = drop;
    try {
      await runMigrations(database);
    } finally {
      // A template may have no connections while it is copied.
      await database.close();
    }
    project.provide('postgresTemplate', name);
  } else {
    project.provide('postgresTemplate', null);
  }

  return async () => {
    rmSync(folder, { recursive: true, force: true });
    await dropTemplate?.();
  };
}
