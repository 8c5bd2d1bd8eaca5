import { beforeAll } from 'vitest';
import { setDatabase } from '@/db/client';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { createTestActor, setupTestDatabase } from '@/lib/testing/fixtures';
import { seedAgents } from '@/lib/testing/agents';

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

export function apiRequest(
  token: string | null,
  path = '/api/v1/agents',
  init: { body?: unknown; contentType?: string } = {},
) {
  return new Request(`http://hub.test${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined
        ? { 'content-type': init.contentType ?? 'application/json' }
        : {}),
    },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
}

export const noParams = { params: Promise.resolve({}) };
export const withAgentId = (agentId: string) => ({ params: Promise.resolve({ agentId }) });
