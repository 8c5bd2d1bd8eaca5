import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { setup } from '@/lib/testing/builders';
import { cloudEvent, MCP } from '@/lib/testing/events';
import { createSource } from '@/lib/sources/manage-sources';
import { createTestActor, setupTestDatabase } from '@/lib/testing/fixtures';
import * as list from '@/app/api/v1/mcp-servers/route';
import * as one from '@/app/api/v1/mcp-servers/[serverId]/route';
import * as overview from '@/app/api/v1/overview/route';

const database = setupTestDatabase();
const tokens = { admin: '', auditor: '', other: '', sourceKey: '' };
const ids = { tracker: '', other: '' };

/** seconds after 2026-01-01 (the test events' origin) of `hours` before the real now */
const hoursAgo = (hours: number) => (Date.now() - hours * 3_600_000 - Date.UTC(2026, 0, 1)) / 1000;
const catalog = (resource: string, name: string, tools: string[]) =>
  cloudEvent(
    'resource.updated',
    {
      resource,
      name,
      authorization_servers: ['https://as.acme.example'],
      tools: tools.map((t) => ({ name: t, required_scopes: ['issues:read'] })),
    },
    hoursAgo(48),
  );

beforeAll(async () => {
  setDatabase(database());
  const { db, org, send } = await setup(database().db);
  const other = await setup(database().db);
  const actors = new Map([
    [org.id, await createTestActor(db, org.id)],
    [other.org.id, await createTestActor(db, other.org.id)],
  ]);
  const actor = (orgId: string) => actors.get(orgId)!;
  const token = async (orgId: string, role: 'admin' | 'auditor') =>
    (await createApiToken(db, actor(orgId), { name: role, role, expiresInDays: null })).token;
  tokens.admin = await token(org.id, 'admin');
  tokens.auditor = await token(org.id, 'auditor');
  tokens.other = await token(other.org.id, 'admin');
  tokens.sourceKey = (
    await createSource(db, actor(org.id), { name: 'AS', kind: 'authorization_server' })
  ).apiKey;
  await send(catalog(MCP, 'Tracker', ['list_issues', 'close_issue']));
  await send(catalog('https://drive.acme.example', 'Drive', ['read_file']));
  await send(catalog('https://calendar.acme.example', 'Calendar', ['list_events']));
  await other.send(catalog('https://mcp.other.example', 'Other', ['x']));
  const client = 'https://agent.example/client.json';
  await send(
    cloudEvent(
      'consent.granted',
      { client_id: client, sub: 'maya', scopes: ['issues:read'], resource: MCP },
      hoursAgo(30),
    ),
    cloudEvent('token.reuse_detected', { client_id: client, family_id: 'f' }, hoursAgo(2)),
  );
  await send(
    cloudEvent(
      'tool.invoked',
      { client_id: client, resource: MCP, tool: 'list_issues', outcome: 'ok' },
      hoursAgo(1),
    ),
  );
  const servers = await db.query.mcpServers.findMany();
  ids.tracker = servers.find((s) => s.name === 'Tracker')!.id;
  ids.other = servers.find((s) => s.name === 'Other')!.id;
});

function get(path: string, token: string | null) {
  return new Request(`http://hub.test${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}
const noParams = { params: Promise.resolve({}) };
const withId = (serverId: string) => ({ params: Promise.resolve({ serverId }) });

describe('GET /api/v1/mcp-servers', () => {
  it('refuses without credentials (401) and to a source API key (403)', async () => {
    expect((await list.GET(get('/api/v1/mcp-servers', null), noParams)).status).toBe(401);
    expect((await list.GET(get('/api/v1/mcp-servers', tokens.sourceKey), noParams)).status).toBe(
      403,
    );
  });

  it('lists the org’s servers by name with their tools, paged by cursor', async () => {
    const first = await list.GET(get('/api/v1/mcp-servers?limit=2', tokens.auditor), noParams);
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as {
      items: { name: string; tools: unknown[] }[];
      next_cursor: string;
    };
    expect(page1.items.map((s) => s.name)).toEqual(['Calendar', 'Drive']);
    const url = `/api/v1/mcp-servers?limit=2&cursor=${page1.next_cursor}`;
    const page2 = (await (await list.GET(get(url, tokens.auditor), noParams)).json()) as {
      items: {
        name: string;
        authorization_servers: string[];
        tools: { name: string; required_scopes: string[] }[];
      }[];
      next_cursor: string | null;
    };
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0]).toMatchObject({
      name: 'Tracker',
      authorization_servers: ['https://as.acme.example'],
      tools: [
        { name: 'close_issue', required_scopes: ['issues:read'] },
        { name: 'list_issues', required_scopes: ['issues:read'] },
      ],
    });
    expect(page2.next_cursor).toBeNull();
  });

  it('answers 422 for a bad limit or cursor', async () => {
    for (const query of ['limit=0', 'limit=x', 'cursor=nonsense']) {
      const res = await list.GET(get(`/api/v1/mcp-servers?${query}`, tokens.admin), noParams);
      expect(res.status, query).toBe(422);
    }
  });
});

describe('GET /api/v1/mcp-servers/{id}', () => {
  it('answers the server with its access matrix', async () => {
    const res = await one.GET(
      get(`/api/v1/mcp-servers/${ids.tracker}`, tokens.auditor),
      withId(ids.tracker),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access: { agents: unknown[]; total_agents: number } };
    expect(body.access.total_agents).toBe(1);
    expect(body.access.agents[0]).toMatchObject({
      callable_tools: ['close_issue', 'list_issues'],
      used_tools: [{ tool: 'list_issues', calls: 1, used_recently: true, can_call: true }],
    });
  });

  it('answers 404 for an unknown id, a malformed one, and another org’s server', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', ids.other]) {
      const res = await one.GET(get(`/api/v1/mcp-servers/${id}`, tokens.admin), withId(id));
      expect(res.status, id).toBe(404);
    }
    const res = await one.GET(
      get(`/api/v1/mcp-servers/${ids.other}`, tokens.other),
      withId(ids.other),
    );
    expect(res.status).toBe(200);
  });

  it('refuses without credentials', async () => {
    const res = await one.GET(get(`/api/v1/mcp-servers/${ids.tracker}`, null), withId(ids.tracker));
    expect(res.status).toBe(401);
  });
});

describe('GET /api/v1/overview', () => {
  it('refuses without credentials (401) and to a source API key (403)', async () => {
    expect((await overview.GET(get('/api/v1/overview', null), noParams)).status).toBe(401);
    expect((await overview.GET(get('/api/v1/overview', tokens.sourceKey), noParams)).status).toBe(
      403,
    );
  });

  it('answers the overview in snake_case to an auditor', async () => {
    const res = await overview.GET(get('/api/v1/overview', tokens.auditor), noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(body.counts).toMatchObject({
      agents: { total: 1, pending: 1 },
      active_consents: 1,
      sources: 3,
    });
    // the two API tokens and the source made in setup, the reuse and the call (the catalogs and
    // the grant are older)
    expect(body.counts.events_24h).toBe(5);
    expect(body.events_by_hour).toHaveLength(168);
    expect(body.top_agents[0]).toMatchObject({
      client_id: 'https://agent.example/client.json',
      calls: 1,
    });
    expect(body.needs_attention.items.map((i: { kind: string }) => i.kind)).toEqual([
      'refresh_token_reuse',
      'pending_verification',
    ]);
    expect(body.needs_attention.items[0].href).toMatch(/^\/agents\//);
  });
});
