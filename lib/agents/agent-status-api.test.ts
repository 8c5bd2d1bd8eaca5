import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import * as status from '@/app/api/v1/agents/status/route';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { documentedAnswer } from '@/lib/testing/api-operations';
import { CLAUDE, registered, setup, type Ctx } from '@/lib/testing/builders';
import { AS_ISSUER, cloudEvent } from '@/lib/testing/events';
import { createSource } from '@/lib/sources/manage-sources';
import { createTestActor, setupTestDatabase } from '@/lib/testing/fixtures';
import { changeAgentVerification } from './verification';

const database = setupTestDatabase();
const keys = { admin: '', source: '', stranger: '' };
let ctx: Ctx;
const OTHER = 'https://other.example/client.json';

const get = async (query: string, token: string | null = keys.source) => {
  const response = await status.GET(
    new Request(`http://hub.test/api/v1/agents/status${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const q = (issuer: string, clientId: string) =>
  `?issuer=${encodeURIComponent(issuer)}&client_id=${encodeURIComponent(clientId)}`;

beforeAll(async () => {
  setDatabase(database());
  const db = database().db;
  ctx = await setup(db);
  await ctx.send(registered(1, { scope: 'issues:read issues:write' }));
  await ctx.send(registered(1, { client_id: OTHER, client_name: 'Other' }));
  const actor = await createTestActor(db, ctx.org.id);
  keys.admin = (
    await createApiToken(db, actor, { name: 'a', role: 'auditor', expiresInDays: null })
  ).token;
  keys.source = (
    await createSource(db, actor, { name: 'AS', kind: 'authorization_server', issuer: AS_ISSUER })
  ).apiKey;
  const stranger = await setup(db);
  await stranger.send(registered(1));
  keys.stranger = (
    await createSource(
      db,
      { ...actor, orgId: stranger.org.id },
      { name: 'AS', kind: 'authorization_server', issuer: AS_ISSUER },
    )
  ).apiKey;
});

describe('GET /api/v1/agents/status', () => {
  it('answers the status and registered scopes of a usable agent, to a source key or an admin token', async () => {
    const answer = await get(q(AS_ISSUER, CLAUDE));
    expect(answer).toMatchObject({
      status: 200,
      body: {
        issuer: AS_ISSUER,
        client_id: CLAUDE,
        verification_status: 'pending',
        may_issue_tokens: true,
        allowed_scopes: ['issues:read', 'issues:write'],
        not_before: null,
        deleted_at: null,
      },
    });
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(await documentedAnswer('GET', '/api/v1/agents/status'));
    expect(validate(answer.body), JSON.stringify(validate.errors)).toBe(true);
    expect((await get(q(AS_ISSUER, OTHER), keys.admin)).body).toMatchObject({
      allowed_scopes: null,
      may_issue_tokens: true,
    });
  });

  it('says a suspended agent may have no tokens, and a reinstated one since when', async () => {
    const agent = (await get(q(AS_ISSUER, OTHER))).body.agent_id as string;
    const actor = await createTestActor(ctx.db, ctx.org.id, 'admin');
    await changeAgentVerification(ctx.db, actor, {
      agentId: agent,
      status: 'suspended',
      reason: 'odd',
    });
    expect((await get(q(AS_ISSUER, OTHER))).body).toMatchObject({
      verification_status: 'suspended',
      may_issue_tokens: false,
      allowed_scopes: [],
    });
    await changeAgentVerification(ctx.db, actor, {
      agentId: agent,
      status: 'verified',
      reason: 'fine',
    });
    const body = (await get(q(AS_ISSUER, OTHER))).body;
    expect(body).toMatchObject({ verification_status: 'verified', may_issue_tokens: true });
    expect(typeof body.not_before).toBe('string');
  });

  it('says a deleted agent may have no tokens', async () => {
    const gone = 'https://gone.example/client.json';
    await ctx.send(registered(1, { client_id: gone, client_name: 'Gone' }));
    await ctx.send(cloudEvent('client.deleted', { client_id: gone }, 5));
    expect((await get(q(AS_ISSUER, gone))).body).toMatchObject({
      may_issue_tokens: false,
      allowed_scopes: [],
    });
  });

  it('refuses a missing parameter with 422 naming it, an unknown agent with 404, and no credentials with 401', async () => {
    const missing = await get(`?issuer=${encodeURIComponent(AS_ISSUER)}`);
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([
      {
        path: '/client_id',
        message: 'client_id is required: name the agent by issuer and client_id.',
      },
    ]);
    const empty = await get(`?issuer=&client_id=x`);
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([{ path: '/issuer', message: 'issuer must not be empty.' }]);
    expect((await get('')).status).toBe(422);
    expect((await get(q(AS_ISSUER, 'nobody'))).status).toBe(404);
    expect((await get(q('https://elsewhere.example', CLAUDE))).status).toBe(404);
    expect((await get(q(AS_ISSUER, CLAUDE), null)).status).toBe(401);
    expect((await get(q(AS_ISSUER, CLAUDE), 'hubsrc_nonsense')).status).toBe(401);
  });

  it('is scoped to the caller’s org', async () => {
    const other = await get(q(AS_ISSUER, CLAUDE), keys.stranger);
    const mine = await get(q(AS_ISSUER, CLAUDE));
    expect(other.status).toBe(200);
    expect(other.body.agent_id).not.toBe(mine.body.agent_id);
    expect((await get(q(AS_ISSUER, OTHER), keys.stranger)).status).toBe(404);
  });
});
