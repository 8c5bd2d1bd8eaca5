import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { agents } from '@/db/schema';
import { setup } from '@/lib/testing/builders';
import { MCP } from '@/lib/testing/events';
import { NOW, clientOf, eventAt, isoHoursAgo, registration } from '@/lib/testing/clock';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { grantsAll } from './access';
import { loadServer } from './load';

const database = setupTestDatabase();

const catalog = eventAt(
  'resource.updated',
  {
    resource: MCP,
    name: 'Tracker',
    scopes_supported: ['issues:read', 'issues:write'],
    scope_descriptions: { 'issues:read': 'Read your issues' },
    tools: [
      { name: 'list_issues', required_scopes: ['issues:read'] },
      { name: 'close', required_scopes: ['issues:read', 'issues:write'] },
      { name: 'ping' },
    ],
  },
  500,
);
const grant = (name: string, sub: string, scopes: string[], resource: string | null, extra = {}) =>
  eventAt(
    'consent.granted',
    { client_id: clientOf(name), sub, scopes, ...(resource ? { resource } : {}), ...extra },
    100,
  );

describe('grantsAll', () => {
  it('needs one scope set holding every required scope, not their union', () => {
    expect(grantsAll([['a', 'b']], ['a', 'b'])).toBe(true);
    expect(grantsAll([['a'], ['b']], ['a', 'b'])).toBe(false);
    expect(grantsAll([['a']], [])).toBe(true);
    expect(grantsAll([], [])).toBe(false);
  });
});

describe('the access matrix of an MCP server', () => {
  it('follows the active consents for the resource or for none, per consent', async () => {
    const { db, org, send } = await setup(database().db);
    const names = ['reader', 'split', 'global', 'elsewhere', 'expired', 'blocked', 'gone'];
    await send(catalog, ...names.map((n) => registration(n, 400)));
    await send(
      grant('reader', 'maya', ['issues:read'], MCP),
      grant('split', 'maya', ['issues:read'], MCP),
      grant('split', 'lee', ['issues:write'], MCP),
      grant('global', 'maya', ['issues:read', 'issues:write'], null),
      grant('elsewhere', 'maya', ['issues:read', 'issues:write'], 'https://other.example'),
      grant('expired', 'maya', ['issues:read'], MCP, { expires_at: isoHoursAgo(1) }),
      grant('blocked', 'maya', ['issues:read', 'issues:write'], MCP),
      grant('gone', 'maya', ['issues:read'], MCP),
    );
    await send(eventAt('consent.revoked', { client_id: clientOf('gone'), sub: 'maya' }, 50));
    // a call made before the consent ended still shows as recent use, without access
    await send(
      eventAt(
        'tool.invoked',
        { client_id: clientOf('gone'), resource: MCP, tool: 'list_issues', outcome: 'ok' },
        60,
      ),
    );
    await db
      .update(agents)
      .set({ verificationStatus: 'blocked' })
      .where(and(eq(agents.orgId, org.id), eq(agents.clientId, clientOf('blocked'))));

    const [server] = await db.query.mcpServers.findMany({
      where: (s, { eq }) => eq(s.orgId, org.id),
    });
    const loaded = (await loadServer(db, org.id, server!.id, NOW))!;
    expect(loaded.scopes.get('issues:read')).toBe('Read your issues');
    const matrix = Object.fromEntries(
      loaded.access.map((r) => [
        r.agent.name,
        ['list_issues', 'close', 'ping'].map((t) => {
          const cell = r.cells.get(t)!;
          return `${cell.canCall ? '✓' : '✗'}${cell.usedRecently ? '•' : ''}`;
        }),
      ]),
    );
    expect(matrix).toEqual({
      reader: ['✓', '✗', '✓'],
      split: ['✓', '✗', '✓'],
      global: ['✓', '✓', '✓'],
      blocked: ['✗', '✗', '✗'],
      gone: ['✗•', '✗', '✗'],
    });
    expect(loaded.access.find((r) => r.agent.name === 'global')!.callable).toBe(3);
    // most active first
    expect(loaded.access[0]!.agent.name).toBe('gone');
  });

  it('answers null for a server of another org', async () => {
    const one = await setup(database().db);
    const other = await setup(database().db);
    await one.send(catalog);
    const [server] = await one.db.query.mcpServers.findMany({
      where: (s, { eq }) => eq(s.orgId, one.org.id),
    });
    expect(await loadServer(other.db, other.org.id, server!.id, NOW)).toBeNull();
  });
});
