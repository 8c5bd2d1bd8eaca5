import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { changeAgentVerification } from '@/lib/agents/verification';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import type { AuditActor } from '@/lib/audit/actor';
import { CLAUDE, granted, issued, registered, setup, type Ctx } from '@/lib/testing/builders';
import { documentedAnswer } from '@/lib/testing/api-operations';
import { createTestActor, setupTestDatabase } from '@/lib/testing/fixtures';
import * as agentList from '@/app/api/v1/agents/route';
import * as agentOne from '@/app/api/v1/agents/[agentId]/route';
import * as consentList from '@/app/api/v1/consents/route';
import * as consentOne from '@/app/api/v1/consents/[consentId]/route';
import * as tokenList from '@/app/api/v1/tokens/route';
import * as tokenOne from '@/app/api/v1/tokens/[tokenId]/route';

/*
 * An admin suspends an agent and its authorization server reports nothing: every API answer
 * shows its tokens and consents as refused by the agent entry, and the agent with it. Reinstated,
 * tokens issued afterwards are active again while the older ones stay refused.
 */

const database = setupTestDatabase();
let ctx: Ctx;
let actor: AuditActor;
let key = '';
const ids = { agent: '', consent: '', old: '' };

type Json = Record<string, unknown> & { items: Record<string, unknown>[] };
const get = async (
  route: { GET: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response> },
  path: string,
  params: Record<string, string> = {},
) => {
  const response = await route.GET(
    new Request(`http://hub.test/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } }),
    { params: Promise.resolve(params) },
  );
  expect(response.status, path).toBe(200);
  return (await response.json()) as Json;
};
const refs = (list: Json) => list.items.map((t) => t.token_ref).sort();
const byRef = (list: Json) =>
  [...list.items].sort((a, b) => String(a.token_ref).localeCompare(String(b.token_ref)));

/** Seconds after the test events' epoch (lib/testing/events.ts) for an absolute time. */
const secondsAt = (date: Date) => (date.getTime() - Date.UTC(2026, 0, 1)) / 1000;

beforeAll(async () => {
  setDatabase(database());
  ctx = await setup(database().db);
  await ctx.send(
    registered(1),
    granted(2, ['issues:read']),
    issued(3, 'old-1'),
    issued(3, 'old-2', { family_id: 'fam' }),
  );
  actor = await createTestActor(ctx.db, ctx.org.id);
  key = (await createApiToken(ctx.db, actor, { name: 'r', role: 'auditor', expiresInDays: null }))
    .token;
  ids.agent = (await ctx.state.agent(CLAUDE))!.id;
  ids.consent = (await ctx.state.consents())[0]!.id;
  ids.old = (await ctx.state.token('old-1'))!.id;
});

describe('what the API answers for what an entry covers', () => {
  it('answers refused_by null and active while nothing covers them', async () => {
    const token = await get(tokenOne, `/tokens/${ids.old}`, { tokenId: ids.old });
    expect(token).toMatchObject({ state: 'active', refused_by: null });
    const agent = await get(agentOne, `/agents/${ids.agent}`, { agentId: ids.agent });
    expect(agent).toMatchObject({ refused_by: null, token_counts: { active: 2, refused: 0 } });
  });

  it('shows a suspended agent’s tokens, consents and the agent as refused, in lists and details', async () => {
    const change = await changeAgentVerification(ctx.db, actor, {
      agentId: ids.agent,
      status: 'suspended',
      reason: 'phishing report',
    });
    const refusedBy = {
      seq: change.revocationSeq,
      kind: 'agent',
      revoked_at: change.agent.statusChangedAt!.toISOString(),
      reason: 'phishing report',
    };
    const tokens = await get(tokenList, '/tokens');
    expect(byRef(tokens).map((t) => [t.token_ref, t.state, t.refused_by])).toEqual([
      ['old-1', 'refused', refusedBy],
      ['old-2', 'refused', refusedBy],
    ]);
    expect(refs(await get(tokenList, '/tokens?active=true'))).toEqual([]);
    expect(refs(await get(tokenList, '/tokens?active=false'))).toEqual(['old-1', 'old-2']);
    expect(await get(tokenOne, `/tokens/${ids.old}`, { tokenId: ids.old })).toMatchObject({
      state: 'refused',
      refused_by: refusedBy,
      revoked_at: null,
    });

    const consents = await get(consentList, '/consents');
    expect(consents.items).toMatchObject([{ status: 'refused', refused_by: refusedBy }]);
    expect((await get(consentList, '/consents?active=true')).items).toEqual([]);
    expect(
      await get(consentOne, `/consents/${ids.consent}`, { consentId: ids.consent }),
    ).toMatchObject({ status: 'refused', refused_by: refusedBy });

    expect((await get(agentList, '/agents')).items).toMatchObject([
      { id: ids.agent, verification_status: 'suspended', refused_by: refusedBy },
    ]);
    expect(await get(agentOne, `/agents/${ids.agent}`, { agentId: ids.agent })).toMatchObject({
      refused_by: refusedBy,
      token_counts: { active: 0, refused: 2, expired: 0, revoked: 0 },
      consents: { items: [{ status: 'refused' }] },
    });
  });

  it('makes tokens issued after a reinstatement active again, and only those', async () => {
    const change = await changeAgentVerification(ctx.db, actor, {
      agentId: ids.agent,
      status: 'verified',
      reason: 'checked with the vendor',
    });
    const reinstatedAt = change.agent.notBefore!;
    await ctx.send(issued(secondsAt(reinstatedAt) + 1, 'new-1'));

    const tokens = byRef(await get(tokenList, '/tokens'));
    expect(tokens.map((t) => [t.token_ref, t.state])).toEqual([
      ['new-1', 'active'],
      ['old-1', 'refused'],
      ['old-2', 'refused'],
    ]);
    expect(tokens[1]!.refused_by).toMatchObject({
      seq: change.revocationSeq,
      kind: 'agent',
      reason: 'checked with the vendor',
      not_before: reinstatedAt.toISOString(),
    });
    expect(refs(await get(tokenList, '/tokens?active=true'))).toEqual(['new-1']);
    // The agent and its consent are no longer refused: a token issued now is accepted.
    expect((await get(consentList, '/consents?active=true')).items).toMatchObject([
      { id: ids.consent, status: 'active', refused_by: null },
    ]);
    expect(await get(agentOne, `/agents/${ids.agent}`, { agentId: ids.agent })).toMatchObject({
      refused_by: null,
      token_counts: { active: 1, refused: 2 },
    });
  });

  it('documents refused and refused_by in the OpenAPI answers', async () => {
    const token = JSON.stringify(await documentedAnswer('GET', '/api/v1/tokens/{tokenId}'));
    expect(token).toContain('"refused"');
    expect(token).toContain('refused_by');
    expect(token).toContain('a revocation entry covers');
    const consents = JSON.stringify(await documentedAnswer('GET', '/api/v1/consents'));
    expect(consents).toContain('refused_by');
    const agents = JSON.stringify(await documentedAnswer('GET', '/api/v1/agents'));
    expect(agents).toContain('refused_by');
  });
});
