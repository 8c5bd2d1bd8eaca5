import { beforeAll, describe, expect, it } from 'vitest';
import { CLAUDE, granted, invoked, registered, setup, type Ctx } from '@/lib/testing/builders';
import { cloudEvent, MCP, timeAt } from '@/lib/testing/events';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import {
  consentFacets,
  consentSortKeys,
  getConsent,
  listConsentHistory,
  listConsentsPage,
  listConsentsAfter,
  type ConsentFilter,
} from './consents';
import { listConsentToolCalls, scopeDescriptions } from './grant-activity';

const database = setupTestDatabase();
const OTHER = 'https://other.example/client.json';
const FILES = 'https://files.acme.example';
let ctx: Ctx;
const now = new Date(timeAt(1000));

beforeAll(async () => {
  ctx = await setup(database().db);
  await ctx.send(
    registered(1),
    registered(1, { client_id: OTHER, client_name: 'Other 100%_agent' }),
    granted(2, ['issues:read', 'issues:write']),
    granted(3, ['issues:read'], { sub: 'sam' }),
    granted(4, ['files:read'], { resource: FILES, client_id: OTHER, expires_at: timeAt(500) }),
    granted(5, ['a', 'b', 'c', 'd', 'e', 'f'], { sub: 'lee', resource: FILES }),
    cloudEvent('consent.revoked', { client_id: CLAUDE, sub: 'sam' }, 6),
    cloudEvent(
      'consent.revoked',
      { client_id: CLAUDE, sub: 'maya', scopes: ['issues:write'], reason: 'least privilege' },
      7,
    ),
  );
  await ctx.send(
    cloudEvent(
      'resource.updated',
      { resource: MCP, name: 'Issues', scope_descriptions: { 'issues:read': 'Read your issues' } },
      1,
    ),
    invoked(10, { tool: 'search' }),
    invoked(11, { tool: 'create_issue', outcome: 'error' }),
    invoked(12, { tool: 'other_user', sub: 'sam' }),
    invoked(13, { tool: 'list', resource: FILES }),
  );
});

async function page(filter: ConsentFilter, sort: (typeof consentSortKeys)[number] = 'granted') {
  return listConsentsPage(ctx.db, ctx.org.id, {
    filter,
    sort: { id: sort, desc: false },
    limit: 25,
    offset: 0,
    now,
  });
}
const subsOf = async (filter: ConsentFilter) => (await page(filter)).rows.map((r) => r.sub);

describe('consent queries', () => {
  it('lists a page with a preview of the scopes, their count and the state as of now', async () => {
    const { rows, total } = await page({});
    expect(total).toBe(4);
    expect(rows.map((r) => [r.sub, r.state])).toEqual([
      ['maya', 'active'],
      ['sam', 'revoked'],
      ['maya', 'expired'],
      ['lee', 'active'],
    ]);
    expect(rows[3]).toMatchObject({ scopes: ['a', 'b', 'c', 'd'], scopeCount: 6 });
    const second = await listConsentsPage(ctx.db, ctx.org.id, {
      filter: {},
      sort: { id: 'granted', desc: true },
      limit: 3,
      offset: 3,
      now,
    });
    expect(second.rows.map((r) => r.sub)).toEqual(['maya']);
    expect(second.total).toBe(4);
  });

  it('filters by state, agent, resource, the API’s identifiers and free text', async () => {
    expect(await subsOf({ states: ['active'] })).toEqual(['maya', 'lee']);
    expect(await subsOf({ states: ['expired', 'revoked'] })).toEqual(['sam', 'maya']);
    expect(await subsOf({ active: false })).toEqual(['sam', 'maya']);
    const other = (await ctx.state.agent(OTHER))!;
    expect(await subsOf({ agentIds: [other.id] })).toEqual(['maya']);
    expect(await subsOf({ agentIds: ['not-a-uuid'] })).toEqual([]);
    expect(await subsOf({ resources: [FILES] })).toEqual(['maya', 'lee']);
    expect(await subsOf({ clientId: CLAUDE, sub: 'maya' })).toEqual(['maya']);
    expect(await subsOf({ q: 'SAM' })).toEqual(['sam']);
    expect(await subsOf({ q: 'files:re' })).toEqual(['maya']);
    expect(await subsOf({ q: '100%_' })).toEqual(['maya']);
    // Wildcards are taken literally: `_` would otherwise match the 0 of "100".
    expect(await subsOf({ q: '1_0' })).toEqual([]);
  });

  it('sorts by every sortable column', async () => {
    for (const key of consentSortKeys) {
      const { rows } = await page({}, key);
      expect(rows).toHaveLength(4);
    }
    expect((await page({}, 'subject')).rows.map((r) => r.sub)).toEqual([
      'lee',
      'maya',
      'maya',
      'sam',
    ]);
  });

  it('counts the facets', async () => {
    const facets = await consentFacets(ctx.db, ctx.org.id, now);
    expect(Object.fromEntries(facets.states.map((s) => [s.value, s.count]))).toEqual({
      active: 2,
      expired: 1,
      revoked: 1,
    });
    expect(facets.agents.map((a) => [a.label, a.count])).toEqual([
      ['Claude Desktop', 3],
      ['Other 100%_agent', 1],
    ]);
    expect(facets.resources).toEqual([
      { value: FILES, count: 2 },
      { value: MCP, count: 2 },
    ]);
  });

  it('pages the API list by keyset and reads one consent with its history', async () => {
    const first = await listConsentsAfter(ctx.db, ctx.org.id, {
      filter: {},
      after: null,
      limit: 2,
      now,
    });
    const rest = await listConsentsAfter(ctx.db, ctx.org.id, {
      filter: {},
      after: { grantedAt: first[1]!.grantedAt, id: first[1]!.id },
      limit: 5,
      now,
    });
    expect([...first, ...rest].map((c) => c.sub)).toEqual(['lee', 'maya', 'sam', 'maya']);

    const maya = (await page({ clientId: CLAUDE, sub: 'maya' })).rows[0]!;
    expect(await getConsent(ctx.db, ctx.org.id, 'nope')).toBeNull();
    const consent = (await getConsent(ctx.db, ctx.org.id, maya.id, now))!;
    expect(consent).toMatchObject({ scopes: ['issues:read'], clientId: CLAUDE, sub: 'maya' });
    const history = await listConsentHistory(ctx.db, ctx.org.id, maya.id);
    expect(history.map((h) => [h.change, h.removed, h.reason])).toEqual([
      ['granted', [], null],
      ['narrowed', ['issues:write'], 'least privilege'],
    ]);
    const descriptions = await scopeDescriptions(ctx.db, ctx.org.id, MCP, consent.scopes);
    expect([...descriptions]).toEqual([['issues:read', 'Read your issues']]);

    const calls = await listConsentToolCalls(ctx.db, ctx.org.id, {
      agentId: consent.agentId,
      subjectId: consent.subjectId,
      resource: consent.resource,
      cursor: null,
      limit: 1,
    });
    expect(calls.items.map((c) => c.tool)).toEqual(['create_issue']);
    const older = await listConsentToolCalls(ctx.db, ctx.org.id, {
      agentId: consent.agentId,
      subjectId: consent.subjectId,
      resource: consent.resource,
      cursor: { occurredAt: calls.items[0]!.occurredAt.toISOString(), id: calls.items[0]!.id },
      limit: 5,
    });
    expect(older.items.map((c) => c.tool)).toEqual(['search']);
    expect(older.nextCursor).toBeNull();
  });
});
