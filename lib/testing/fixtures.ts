import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '@/db/client';
import { createOrg } from '@/db/queries/orgs';
import type { Org } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * One migrated database for the calling test file (or describe block), created before its tests
 * and disposed after them. Returns a getter because the database exists only once hooks ran.
 */
export function setupTestDatabase(): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.dispose();
  });
  return () => {
    if (!database) throw new Error('The test database is only available inside tests');
    return database;
  };
}

/** A short random suffix, so rows of one test never collide with another's. */
export function unique(label: string): string {
  return `${label}-${randomBytes(5).toString('hex')}`;
}

export function uniqueEmail(label = 'user'): string {
  return `${unique(label)}@example.test`;
}

/** A fresh org, which isolates a test's tenant data from the other tests sharing its database. */
export function createTestOrg(db: Db): Promise<Org> {
  const slug = unique('org');
  return createOrg(db, { slug, name: `Test ${slug}` });
}
