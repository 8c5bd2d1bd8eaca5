import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { agents } from '@/db/schema';
import { insertRevocationEntry } from '@/db/queries/revocations';
import { AS_ISSUER, MCP } from '@/lib/testing/events';
import { setup } from '@/lib/testing/builders';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { NOW, clientOf, eventAt, isoHoursAgo, registration } from '@/lib/testing/clock';
import { loadOverview } from './load';

const database = setupTestDatabase();

async function context() {
  const ctx = await setup(database().db);
  const setStatus = (name: string, status: 'verified' | 'suspended' | 'blocked', hours = 0) =>
    ctx.db
      .update(agents)
      .set({ verificationStatus: status, statusChangedAt: new Date(isoHoursAgo(hours)) })
      .where(and(eq(agents.orgId, ctx.org.id), eq(agents.clientId, clientOf(name))));
  const overview = () => loadOverview(ctx.db, ctx.org.id, NOW);
  return { ...ctx, setStatus, overview };
}

const grant = (name: string, scopes: string[], hours: number, extra = {}) =>
  eventAt(
    'consent.granted',
    { client_id: clientOf(name), sub: 'maya', scopes, resource: MCP, ...extra },
    hours,
  );
const issue = (name: string, ref: string, hours: number, expiresAt: string) =>
  eventAt(
    'token.issued',
    {
      token_ref: ref,
      token_type: 'access_token',
      client_id: clientOf(name),
      sub: 'maya',
      scopes: ['issues:read'],
      expires_at: expiresAt,
      grant_type: 'authorization_code',
    },
    hours,
  );
const call = (name: string, hours: number, extra: Record<string, unknown> = {}) =>
  eventAt(
    'tool.invoked',
    { client_id: clientOf(name), resource: MCP, tool: 'list_issues', outcome: 'ok', ...extra },
    hours,
  );
const toolDenied = (name: string, hours: number) =>
  eventAt(
    'tool.denied',
    { client_id: clientOf(name), resource: MCP, tool: 'close', required_scopes: ['issues:write'] },
    hours,
  );
const catalog = eventAt(
  'resource.updated',
  {
    resource: MCP,
    name: 'Tracker',
    scopes_supported: ['issues:read', 'issues:write'],
    tools: [{ name: 'list_issues', required_scopes: ['issues:read'] }],
  },
  400,
);

describe('loadOverview', () => {
  it('answers zeros, full empty series and nothing to attend to for an empty org', async () => {
    const { overview } = await context();
    const o = await overview();
    expect(o.counts).toEqual({
      agents: { total: 0, pending: 0, verified: 0, suspended: 0, blocked: 0 },
      activeConsents: 0,
      activeTokens: 0,
      sources: 2,
      events24h: 0,
      denials24h: 0,
      rejections24h: 0,
    });
    expect(o.eventsByHour).toHaveLength(168);
    expect(o.eventsByHour.at(-1)!.start.toISOString()).toBe('2026-01-20T12:00:00.000Z');
    expect(o.registrationsByDay).toHaveLength(30);
    expect(o.denialsByDay.at(0)!.start.toISOString()).toBe('2025-12-22T00:00:00.000Z');
    expect(o.topAgents).toEqual([]);
    expect(o.attention).toEqual({ items: [], more: [] });
  });

  it('counts agents by status, active consents and active tokens', async () => {
    const { send, setStatus, overview, db, org } = await context();
    await send(registration('a', 50), registration('b', 50), registration('c', 50));
    await send(registration('gone', 50));
    await send(eventAt('client.deleted', { client_id: clientOf('gone') }, 40));
    await setStatus('b', 'verified');
    await setStatus('c', 'blocked');
    await send(
      grant('a', ['issues:read'], 30),
      grant('b', ['issues:read'], 30, { expires_at: isoHoursAgo(1) }),
      grant('c', ['issues:read'], 30),
    );
    await send(eventAt('consent.revoked', { client_id: clientOf('c'), sub: 'maya' }, 20));
    await send(
      issue('a', 'live', 10, isoHoursAgo(-1)),
      issue('a', 'expired', 10, isoHoursAgo(1)),
      issue('b', 'revoked', 10, isoHoursAgo(-1)),
    );
    await send(eventAt('token.revoked', { token_ref: 'revoked' }, 5));
    // Refused by a revocation entry its authorization server never reported: not active.
    await send(registration('refused', 50), grant('refused', ['issues:read'], 30));
    await send(issue('refused', 'refused-live', 10, isoHoursAgo(-1)));
    await insertRevocationEntry(db, org.id, {
      kind: 'agent',
      issuer: AS_ISSUER,
      clientId: clientOf('refused'),
      revokedAt: new Date(isoHoursAgo(2)),
      actor: { type: 'admin', id: null },
    });
    const { counts } = await overview();
    expect(counts.agents).toEqual({ total: 4, pending: 2, verified: 1, suspended: 0, blocked: 1 });
    expect(counts.activeConsents).toBe(1);
    expect(counts.activeTokens).toBe(1);
  });

  it('counts events and denials of the last 24 h only, and charts 7 days by hour', async () => {
    const { send, overview } = await context();
    await send(registration('a', 500));
    await send(call('a', 1), call('a', 23.9), call('a', 24.1), call('a', 167.5), call('a', 168.6));
    await send(call('a', -2)); // reported with a time in the future: not counted
    await send(call('a', 2, { outcome: 'denied' }), toolDenied('a', 3), toolDenied('a', 30));
    await send(
      eventAt('authorization.denied', { client_id: clientOf('a'), error: 'access_denied' }, 4),
      eventAt('token.rejected', { client_id: clientOf('a'), resource: MCP, cause: 'expired' }, 5),
    );
    const o = await overview();
    // 1 h, 23.9 h, the denied call, a tool denial, the authorization denial, the rejection
    expect(o.counts.events24h).toBe(6);
    expect(o.counts.denials24h).toBe(3);
    expect(o.counts.rejections24h).toBe(1);
    const sum = (key: 'tools' | 'denials') => o.eventsByHour.reduce((n, b) => n + b.counts[key], 0);
    // 167.5 h ago falls in the first hourly bucket, 168.6 h ago before it
    expect(sum('tools')).toBe(5);
    expect(o.eventsByHour[0]!.counts.tools).toBe(1);
    expect(sum('denials')).toBe(4);
    expect(o.eventTypes7d).toContainEqual({ type: 'tool.invoked', category: 'tools', count: 5 });
    const denials = o.denialsByDay.reduce((n, d) => n + d.counts.tool, 0);
    expect(denials).toBe(2);
    const today = o.denialsByDay.at(-1)!.counts;
    expect(today).toEqual({ authorization: 1, tool: 1, token: 1 });
  });

  it('charts registrations per day of the last 30 days by method', async () => {
    const { send, overview } = await context();
    await send(registration('old', 31 * 24), registration('a', 2), registration('b', 3, 'dcr'));
    await send(registration('c', 29 * 24 + 10));
    const o = await overview();
    expect(o.registrationsByDay.at(-1)!.counts).toMatchObject({ cimd: 1, dcr: 1 });
    expect(o.registrationsByDay.reduce((n, d) => n + d.counts.cimd + d.counts.dcr, 0)).toBe(3);
  });

  it('ranks agents by tool calls, counting a call that relied on two scopes once', async () => {
    const { send, overview } = await context();
    await send(registration('busy', 100), registration('quiet', 100));
    await send(
      call('busy', 5, { scopes: ['issues:read', 'issues:write'] }),
      call('busy', 4, { scopes: ['issues:read', 'issues:write'] }),
      call('busy', 3, { tool: 'search' }),
      call('quiet', 2),
    );
    const { topAgents } = await overview();
    expect(topAgents.map((a) => [a.name, a.calls])).toEqual([
      ['busy', 3],
      ['quiet', 1],
    ]);
  });
});

describe('loadOverview: needs attention', () => {
  it('lists refresh-token reuse and passthrough first, until an admin acts on the agent', async () => {
    const { send, setStatus, overview } = await context();
    await send(registration('rogue', 200), registration('old', 2000), registration('calm', 200));
    await send(
      eventAt('token.reuse_detected', { client_id: clientOf('rogue'), family_id: 'f' }, 6),
      eventAt('token.reuse_detected', { client_id: clientOf('old'), family_id: 'g' }, 31 * 24),
    );
    await send(
      eventAt(
        'token.rejected',
        { client_id: clientOf('rogue'), resource: MCP, cause: 'wrong_audience' },
        3,
      ),
    );
    await setStatus('old', 'verified', 40 * 24);
    await setStatus('calm', 'verified', 10);
    let items = (await overview()).attention.items;
    expect(items.map((i) => [i.kind, i.agent.name])).toEqual([
      ['refresh_token_reuse', 'rogue'],
      ['token_passthrough', 'rogue'],
      ['pending_verification', 'rogue'],
    ]);
    expect(items[0]!.at.toISOString()).toBe(isoHoursAgo(6));
    expect(items[0]!.href).toMatch(/^\/agents\/[0-9a-f-]{36}$/);
    // Suspending between the two incidents settles the older one only.
    await setStatus('rogue', 'suspended', 4);
    items = (await overview()).attention.items;
    expect(items.map((i) => i.kind)).toEqual(['token_passthrough']);
  });

  it('flags an insufficient-scope spike against the 7 days before, not steady denials', async () => {
    const { send, overview } = await context();
    await send(registration('spiky', 500), registration('steady', 500));
    await setVerified();
    await send(toolDenied('spiky', 1), toolDenied('spiky', 2), toolDenied('spiky', 3));
    await send(toolDenied('spiky', 9 * 24)); // outside the baseline
    await send(toolDenied('steady', 1), toolDenied('steady', 2), toolDenied('steady', 3));
    await send(...Array.from({ length: 8 }, (_, i) => toolDenied('steady', 30 + i * 12)));
    const items = (await overview()).attention.items;
    expect(items.map((i) => [i.kind, i.agent.name])).toEqual([
      ['insufficient_scope_spike', 'spiky'],
    ]);
    expect(items[0]!.detail).toContain('3 tool calls denied');

    async function setVerified() {
      await database()
        .db.update(agents)
        .set({ verificationStatus: 'verified' })
        .where(eq(agents.clientId, clientOf('spiky')));
      await database()
        .db.update(agents)
        .set({ verificationStatus: 'verified' })
        .where(eq(agents.clientId, clientOf('steady')));
    }
  });

  it('lists pending agents most recently active first, then "more" past the cap', async () => {
    const { send, overview } = await context();
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
    await send(...names.map((n, i) => registration(n, 100 + i)));
    await send(call('p7', 1));
    const { items, more } = (await overview()).attention;
    expect(items).toHaveLength(5);
    expect(items[0]).toMatchObject({ agent: { name: 'p7' }, atLabel: 'last active' });
    expect(more).toEqual([
      {
        kind: 'pending_verification',
        count: 2,
        label: '2 more agents waiting for verification',
        href: '/agents?status=pending',
      },
    ]);
  });

  it('flags resource scopes granted over a week ago that no call relied on', async () => {
    const { send, setStatus, overview } = await context();
    await send(catalog, registration('wide', 500), registration('fresh', 500));
    await send(registration('blocked', 500));
    await send(
      grant('wide', ['issues:read', 'issues:write', 'openid'], 10 * 24),
      grant('fresh', ['issues:write'], 2 * 24),
      grant('blocked', ['issues:write'], 10 * 24),
    );
    await send(call('wide', 5)); // list_issues requires issues:read; no scopes reported
    await setStatus('wide', 'verified');
    await setStatus('fresh', 'verified');
    await setStatus('blocked', 'blocked');
    const items = (await overview()).attention.items;
    expect(items.map((i) => [i.kind, i.agent.name])).toEqual([['unused_scopes', 'wide']]);
    expect(items[0]!.detail).toContain('Granted issues:write,');
    expect(items[0]!.detail).not.toContain('openid');
  });
});
