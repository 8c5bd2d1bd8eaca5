import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '@/db/client';
import { insertConsoleUser } from '@/db/queries/console-users';
import { createOrg } from '@/db/queries/orgs';
import type { Org } from '@/db/schema';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import type { AuditActor } from '@/lib/audit/actor';
import type { ConsoleRole } from '@/lib/constants';
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

/**
 * A real console user to act as, for tests that make tokens or sources: an admin API token lives
 * only as long as the user who made it, so a made-up actor id would make a dead token.
 */
export async function createTestActor(
  db: Db,
  orgId: string,
  role: ConsoleRole = 'owner',
): Promise<AuditActor> {
  const user = await insertConsoleUser(db, orgId, { email: uniqueEmail(role), role });
  return { id: user.id, orgId, email: user.email };
}

/** An admin API token of a fresh org, for tests that call the management API's routes. */
export async function createTestAdminToken(db: Db): Promise<string> {
  const org = await createTestOrg(db);
  const actor = await createTestActor(db, org.id);
  return (await createApiToken(db, actor, { name: 'test', role: 'admin', expiresInDays: null }))
    .token;
}
