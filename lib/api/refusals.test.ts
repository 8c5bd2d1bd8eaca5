import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { revokeApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { problemType } from '@/lib/errors';
import { createSource, rotateSourceSecret, setSourceEnabled } from '@/lib/sources/manage-sources';
import { createSourceSchema } from '@/lib/sources/source-input';
import { createTestActor, createTestAdminToken, setupTestDatabase } from '@/lib/testing/fixtures';
import { setConsoleUserStatus } from '@/lib/users/manage-users';
import { apiRoute } from './route';

// Refusals of lib/ answered through the route wrapper: each by its code, where every refusal
// used to answer 409 Conflict whatever it was.
const database = setupTestDatabase();
let token = '';

beforeAll(async () => {
  setDatabase(database());
  token = await createTestAdminToken(database().db);
});

async function answer(run: Parameters<typeof apiRoute>[1]) {
  const res = await apiRoute({ permission: 'write' }, run)(
    new Request('http://hub.test/api/v1/x', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({}) },
  );
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('a refusal through the API', () => {
  it('answers 404 for an unknown console user, not 409', async () => {
    const { status, body } = await answer(async (_r, { actor }) => {
      await setConsoleUserStatus(database().db, actor, {
        userId: randomUUID(),
        status: 'disabled',
        reason: null,
      });
      return new Response(null, { status: 204 });
    });
    expect(status).toBe(404);
    expect(body).toMatchObject({
      type: problemType('not_found'),
      title: 'Not Found',
      detail: 'That user does not exist (any more).',
    });
  });

  it('answers 404 for an unknown API token', async () => {
    const { status } = await answer(async (_r, { actor }) => {
      await revokeApiToken(database().db, actor, { tokenId: randomUUID(), reason: null });
      return new Response(null, { status: 204 });
    });
    expect(status).toBe(404);
  });

  it('answers 422 naming the field for a grace period out of range', async () => {
    const { status, body } = await answer(async (_r, { actor }) => {
      const { source } = await createSource(
        database().db,
        actor,
        createSourceSchema.parse({ name: 'S', kind: 'mcp_server', resource: 'https://s.test/mcp' }),
      );
      await rotateSourceSecret(database().db, actor, source.id, 10 ** 9);
      return new Response(null, { status: 204 });
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      type: problemType('invalid'),
      errors: [{ path: '/grace_period_seconds' }],
    });
  });

  it('answers 403 to a user changing their own account, and 409 to a real conflict', async () => {
    const self = await answer(async (_r, { actor }) => {
      const me = await createTestActor(database().db, actor.orgId);
      await setConsoleUserStatus(database().db, me, {
        userId: me.id,
        status: 'disabled',
        reason: null,
      });
      return new Response(null, { status: 204 });
    });
    expect(self.status).toBe(403);
    const again = await answer(async (_r, { actor }) => {
      const { source } = await createSource(
        database().db,
        actor,
        createSourceSchema.parse({ name: 'T', kind: 'mcp_server', resource: 'https://t.test/mcp' }),
      );
      await setSourceEnabled(database().db, actor, {
        sourceId: source.id,
        enabled: true,
        reason: null,
      });
      return new Response(null, { status: 204 });
    });
    expect(again).toMatchObject({ status: 409, body: { type: problemType('conflict') } });
  });
});
