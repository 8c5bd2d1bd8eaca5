import { beforeAll } from 'vitest';
import { setDatabase } from '@/db/client';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { createTestActor, setupTestDatabase } from '@/lib/testing/fixtures';
import { seedAgents } from '@/lib/testing/agents';
import { routeParams } from '@/lib/testing/api-request';

type Seeded = Awaited<ReturnType<typeof seedAgents>>;

/**
 * For tests of the agents API route handlers: a database the handlers read (as inside Next), the
 * agents of lib/testing/agents.ts in two orgs, and an admin and an auditor API token of the first.
 */
export function setupAgentsApi() {
  const database = setupTestDatabase();
  const state = {} as {
    seeded: Seeded;
    other: Seeded;
    tokens: { admin: string; adminId: string; auditor: string };
  };
  beforeAll(async () => {
    setDatabase(database());
    const db = database().db;
    state.seeded = await seedAgents(db);
    state.other = await seedAgents(db);
    const actor = await createTestActor(db, state.seeded.org.id);
    const admin = await createApiToken(db, actor, {
      name: 'ops',
      role: 'admin',
      expiresInDays: null,
    });
    const auditor = await createApiToken(db, actor, {
      name: 'audit',
      role: 'auditor',
      expiresInDays: null,
    });
    state.tokens = { admin: admin.token, adminId: admin.row.id, auditor: auditor.token };
  });
  return { database, state };
}

export const noParams = routeParams();
export const withAgentId = (agentId: string) => routeParams({ agentId });
