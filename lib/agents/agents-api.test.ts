import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as list from '@/app/api/v1/agents/route';
import * as one from '@/app/api/v1/agents/[agentId]/route';
import { noParams, setupAgentsApi, withAgentId } from '@/lib/testing/agents-api';
import { apiRequest } from '@/lib/testing/api-request';
import { ids } from '@/lib/testing/agents';

const { state } = setupAgentsApi();

describe('GET /api/v1/agents', () => {
  it('lists the org’s agents in snake_case, newest first, keyset-paged', async () => {
    const first = await list.GET(
      apiRequest(state.tokens.auditor, '/api/v1/agents?limit=4'),
      noParams,
    );
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { items: Record<string, unknown>[]; next_cursor: string };
    expect(page1.items).toHaveLength(4);
    expect(page1.items[0]).toMatchObject({
      id: expect.any(String),
      issuer: expect.any(String),
      // the newest: known from a tool call only, never registered
      client_id: ids.stray,
      verification_status: 'pending',
      registration_method: 'manual',
      redirect_uris: [],
      registered_at: null,
      deleted_at: null,
    });
    const seen = page1.items.map((a) => a.id);
    let cursor: string | null = page1.next_cursor;
    while (cursor) {
      const res = await list.GET(
        apiRequest(state.tokens.auditor, `/api/v1/agents?limit=4&cursor=${cursor}`),
        noParams,
      );
      const body = (await res.json()) as { items: { id: string }[]; next_cursor: string | null };
      seen.push(...body.items.map((a) => a.id));
      cursor = body.next_cursor;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const otherIds = (await state.other.state.agents()).map((a) => a.id);
    expect(seen.some((id) => otherIds.includes(id as string))).toBe(false);
  });

  it('filters on issuer, client_id, status and q', async () => {
    const get = async (query: string) =>
      (
        (await (
          await list.GET(apiRequest(state.tokens.admin, `/api/v1/agents?${query}`), noParams)
        ).json()) as {
          items: { client_id: string }[];
        }
      ).items.map((a) => a.client_id);
    expect(await get(`client_id=${encodeURIComponent(ids.lumen)}`)).toEqual([ids.lumen]);
    expect(await get('issuer=https%3A%2F%2Fas2.example')).toEqual([ids.other]);
    expect(await get('status=verified')).toEqual([]);
    expect((await get('q=orbit')).sort()).toEqual([...ids.orbit].sort());
  });

  it('answers 422 for bad parameters and 401 without credentials', async () => {
    for (const query of [
      'status=trusted',
      'limit=0',
      'limit=abc',
      'limit=501',
      'cursor=nope',
      `cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
    ]) {
      const res = await list.GET(
        apiRequest(state.tokens.admin, `/api/v1/agents?${query}`),
        noParams,
      );
      expect(res.status, query).toBe(422);
      expect(((await res.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    }
    expect((await list.GET(apiRequest(null, '/api/v1/agents'), noParams)).status).toBe(401);
  });
});

describe('GET /api/v1/agents/{id}', () => {
  it('answers the agent with consents, token counts, scope usage and history', async () => {
    const lumen = await state.seeded.agent(ids.lumen);
    const res = await one.GET(
      apiRequest(state.tokens.auditor, '/api/v1/agents'),
      withAgentId(lumen.id),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: lumen.id,
      client_id: ids.lumen,
      registration_method: 'cimd',
      consents: { total: 1, items: [{ sub: 'maya', status: 'active' }] },
      verification_history: [],
    });
    const counts = body.token_counts as { active: number; expired: number; revoked: number };
    expect(counts.active + counts.expired + counts.revoked).toBe(2);
    expect(body.scope_usage).toEqual([
      expect.objectContaining({ scope: 'issues:read', granted: true, calls: 1, unused: false }),
      expect.objectContaining({ scope: 'issues:write', granted: true, calls: 0, unused: true }),
    ]);
    expect(body.checks).toContainEqual(
      expect.objectContaining({ kind: 'cimd_https', result: 'pass' }),
    );
  });

  it('answers 404 for an unknown, foreign or malformed id and 401 without credentials', async () => {
    const foreign = await state.other.agent(ids.lumen);
    for (const id of [randomUUID(), foreign.id, 'not-a-uuid', "1' or '1'='1"]) {
      expect(
        (await one.GET(apiRequest(state.tokens.admin, '/api/v1/agents'), withAgentId(id))).status,
        id,
      ).toBe(404);
    }
    expect(
      (await one.GET(apiRequest(null, '/api/v1/agents'), withAgentId(foreign.id))).status,
    ).toBe(401);
  });
});
