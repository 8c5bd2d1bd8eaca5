import { beforeAll, describe, expect, it } from 'vitest';
import { granted, invoked, issued, registered, setup, type Ctx } from '@/lib/testing/builders';
import { cloudEvent, timeAt } from '@/lib/testing/events';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { listTokenEvents } from './grant-activity';
import { listConsentTokens, listFamily } from './token-relations';
import {
  getToken,
  listTokensAfter,
  listTokensPage,
  tokenFacets,
  tokenSortKeys,
  type TokenFilter,
} from './tokens';

const database = setupTestDatabase();
let ctx: Ctx;
const now = new Date(timeAt(5000));

beforeAll(async () => {
  ctx = await setup(database().db);
  await ctx.send(
    registered(1),
    granted(2, ['issues:read']),
    issued(3, 'acc-1', { family_id: 'fam', expires_at: timeAt(4000) }),
    issued(3, 'ref-1', { family_id: 'fam', token_type: 'refresh_token', expires_at: timeAt(9000) }),
    issued(100, 'acc-2', { family_id: 'fam', parent_ref: 'ref-1', expires_at: timeAt(9000) }),
    issued(100, 'ref-2', {
      family_id: 'fam',
      parent_ref: 'ref-1',
      token_type: 'refresh_token',
      expires_at: timeAt(9000),
    }),
    issued(200, 'bot', { sub: undefined, scopes: ['a', 'b', 'c', 'd'], expires_at: timeAt(9000) }),
  );
  await ctx.send(cloudEvent('token.revoked', { token_ref: 'ref-1', reason: 'rotated' }, 101));
  // Known only by its revocation: no agent, no issuance.
  await ctx.send(cloudEvent('token.revoked', { token_ref: 'stray' }, 300));
  await ctx.send(
    invoked(150, { token_ref: 'acc-2', tool: 'search' }),
    invoked(160, { token_ref: 'acc-2', tool: 'create_issue' }),
    invoked(170, { token_ref: 'bot', tool: 'search' }),
  );
});

const refsOf = async (filter: TokenFilter, sort: (typeof tokenSortKeys)[number] = 'token_ref') =>
  (
    await listTokensPage(ctx.db, ctx.org.id, {
      filter,
      sort: { id: sort, desc: false },
      limit: 25,
      offset: 0,
      now,
    })
  ).rows.map((r) => r.tokenRef);

describe('token queries', () => {
  it('lists tokens with their state as of now, filtered by state, type, agent and text', async () => {
    expect(await refsOf({})).toEqual(['acc-1', 'acc-2', 'bot', 'ref-1', 'ref-2', 'stray']);
    expect(await refsOf({ states: ['expired'] })).toEqual(['acc-1']);
    expect(await refsOf({ states: ['revoked'] })).toEqual(['ref-1', 'stray']);
    expect(await refsOf({ active: true })).toEqual(['acc-2', 'bot', 'ref-2']);
    expect(await refsOf({ types: ['refresh_token'] })).toEqual(['ref-1', 'ref-2']);
    const agent = (await ctx.state.tokens()).find((t) => t.tokenRef === 'bot')!.agentId!;
    expect(await refsOf({ agentIds: [agent] })).toHaveLength(5);
    expect(await refsOf({ sub: 'maya' })).toEqual(['acc-1', 'acc-2', 'ref-1', 'ref-2']);
    expect(await refsOf({ q: 'FAM' })).toEqual(['acc-1', 'acc-2', 'ref-1', 'ref-2']);
    expect(await refsOf({ q: 'stra' })).toEqual(['stray']);
    for (const key of tokenSortKeys) expect(await refsOf({}, key)).toHaveLength(6);
    const page = await listTokensPage(ctx.db, ctx.org.id, {
      filter: { q: 'bot' },
      sort: { id: 'issued', desc: true },
      limit: 25,
      offset: 0,
      now,
    });
    expect(page.rows[0]).toMatchObject({ scopes: ['a', 'b', 'c'], scopeCount: 4, sub: null });
  });

  it('counts the facets', async () => {
    const facets = await tokenFacets(ctx.db, ctx.org.id, now);
    expect(Object.fromEntries(facets.states.map((s) => [s.value, s.count]))).toEqual({
      active: 3,
      expired: 1,
      revoked: 2,
    });
    expect(Object.fromEntries(facets.types.map((s) => [s.value, s.count]))).toEqual({
      access_token: 3,
      refresh_token: 2,
    });
    expect(facets.agents).toMatchObject([{ label: 'Claude Desktop', count: 5 }]);
  });

  it('pages the API list by keyset, reads one token, its family and its consent’s tokens', async () => {
    const first = await listTokensAfter(ctx.db, ctx.org.id, {
      filter: {},
      after: null,
      limit: 3,
      now,
    });
    const last = first.at(-1)!;
    const rest = await listTokensAfter(ctx.db, ctx.org.id, {
      filter: {},
      after: { issuedAt: last.issuedAt ?? last.createdAt, id: last.id },
      limit: 10,
      now,
    });
    expect([...first, ...rest].map((t) => t.tokenRef).sort()).toEqual([
      'acc-1',
      'acc-2',
      'bot',
      'ref-1',
      'ref-2',
      'stray',
    ]);

    const acc2 =
      first.find((t) => t.tokenRef === 'acc-2') ?? rest.find((t) => t.tokenRef === 'acc-2')!;
    const token = (await getToken(ctx.db, ctx.org.id, acc2.id, now))!;
    expect(token).toMatchObject({
      familyId: 'fam',
      parentRef: 'ref-1',
      state: 'active',
      familyRevokedAt: null,
    });
    expect(await getToken(ctx.db, ctx.org.id, 'x')).toBeNull();
    const family = await listFamily(ctx.db, ctx.org.id, 'fam', now);
    expect(family.total).toBe(4);
    expect(family.rows.map((t) => [t.tokenRef, t.parentRef, t.state])).toEqual([
      ['acc-1', null, 'expired'],
      ['ref-1', null, 'revoked'],
      ['acc-2', 'ref-1', 'active'],
      ['ref-2', 'ref-1', 'active'],
    ]);
    const ofConsent = await listConsentTokens(ctx.db, ctx.org.id, token.consentId!, 2, now);
    expect(ofConsent.total).toBe(4);
    expect(ofConsent.rows).toHaveLength(2);
  });

  it('finds the events naming a token within its agent and lifetime, keyset-paged', async () => {
    const token = (await ctx.state.token('acc-2'))!;
    const first = await listTokenEvents(ctx.db, ctx.org.id, token, { cursor: null, limit: 2 });
    expect(first.items.map((e) => e.type)).toEqual(['tool.invoked', 'tool.invoked']);
    expect(first.items.map((e) => e.tool)).toEqual(['create_issue', 'search']);
    const next = await listTokenEvents(ctx.db, ctx.org.id, token, {
      cursor: { occurredAt: first.items[1]!.occurredAt.toISOString(), id: first.items[1]!.id },
      limit: 2,
    });
    expect(next.items.map((e) => e.type)).toEqual(['token.issued']);
    expect(next.nextCursor).toBeNull();
    // Its rotation was reported with the token's reference only, no client_id.
    const rotated = (await ctx.state.token('ref-1'))!;
    const ofRotated = await listTokenEvents(ctx.db, ctx.org.id, rotated, {
      cursor: null,
      limit: 5,
    });
    expect(ofRotated.items.map((e) => e.type)).toEqual(['token.revoked', 'token.issued']);
    const stray = (await ctx.state.token('stray'))!;
    const strayEvents = await listTokenEvents(ctx.db, ctx.org.id, stray, {
      cursor: null,
      limit: 5,
    });
    expect(strayEvents.items.map((e) => e.type)).toEqual(['token.revoked']);
  });
});
