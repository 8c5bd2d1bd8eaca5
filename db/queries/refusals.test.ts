import { beforeAll, describe, expect, it } from 'vitest';
import { CLAUDE, granted, issued, registered, setup, type Ctx } from '@/lib/testing/builders';
import { AS_ISSUER, timeAt } from '@/lib/testing/events';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { overviewWindows } from '@/lib/overview/windows';
import { getAgent, getAgentTokens, listAgentConsents } from './agent-detail';
import { countActiveConsents, listAgentsKeyset, listAgentsPage } from './agents';
import { consentFacets, listConsentsAfter, listConsentsPage } from './consents';
import { activeTotals } from './overview/state';
import { findRefusingEntry } from './refusals';
import { insertRevocationEntry, type NewRevocationEntry } from './revocations';
import { listConsentTokens, listFamily } from './token-relations';
import { getToken, listTokensAfter, listTokensPage, tokenFacets, type TokenFilter } from './tokens';

/*
 * Tokens, consents and agents covered by a revocation entry are refused, whatever their
 * authorization server last reported: here the entries are made directly, as an admin's
 * suspension or a revocation the AS never hears of would, so the projections still say active.
 */

const database = setupTestDatabase();
let ctx: Ctx;
const now = new Date(timeAt(5000));
const OTHER = 'https://other.example/client.json';
const THIRD = 'https://third.example/client.json';
const later = timeAt(9000);
const seqs: Record<string, string> = {};

async function entry(
  name: string,
  at: number,
  fields: Omit<NewRevocationEntry, 'revokedAt' | 'actor'>,
) {
  const row = await insertRevocationEntry(ctx.db, ctx.org.id, {
    ...fields,
    revokedAt: new Date(timeAt(at)),
    reason: `${name} reason`,
    actor: { type: 'admin', id: null },
  });
  seqs[name] = row.seq.toString();
}

beforeAll(async () => {
  ctx = await setup(database().db);
  const as = (client: string, sub: string) => ({ client_id: client, sub, expires_at: later });
  await ctx.send(
    registered(1),
    registered(1, { client_id: OTHER, client_name: 'Other' }),
    registered(1, { client_id: THIRD, client_name: 'Third' }),
    granted(2, ['s'], { sub: 'maya' }),
    granted(2, ['s'], { sub: 'ben' }),
    granted(2, ['s'], { sub: 'zoe' }),
    granted(2, ['s'], { sub: 'ana' }),
    granted(2, ['s'], { client_id: OTHER, sub: 'maya' }),
    granted(2, ['s'], { client_id: THIRD, sub: 'maya' }),
    issued(100, 'a-tok', as(CLAUDE, 'maya')),
    issued(100, 'a-fam', { ...as(CLAUDE, 'maya'), family_id: 'fam-x' }),
    issued(100, 'a-ok', as(CLAUDE, 'maya')),
    issued(100, 'a-ben', as(CLAUDE, 'ben')),
    issued(100, 'a-zoe', as(CLAUDE, 'zoe')),
    issued(100, 'a-ana-old', as(CLAUDE, 'ana')),
    issued(400, 'a-ana-new', as(CLAUDE, 'ana')),
    issued(100, 'b-old', as(OTHER, 'maya')),
    issued(400, 'b-new', as(OTHER, 'maya')),
    issued(100, 'c-1', as(THIRD, 'maya')),
  );
  await entry('token', 200, { kind: 'token', tokenRef: 'a-tok' });
  await entry('family', 200, { kind: 'family', familyId: 'fam-x' });
  await entry('grant', 200, { kind: 'grant', issuer: AS_ISSUER, clientId: CLAUDE, sub: 'ben' });
  await entry('subject', 200, { kind: 'subject', issuer: AS_ISSUER, sub: 'zoe' });
  // Suspended, then reinstated at 300: only tokens issued before 300 stay refused.
  await entry('other suspended', 200, { kind: 'agent', issuer: AS_ISSUER, clientId: OTHER });
  await entry('other reinstated', 300, {
    kind: 'agent',
    issuer: AS_ISSUER,
    clientId: OTHER,
    notBefore: new Date(timeAt(300)),
  });
  await entry('ana revoked', 200, {
    kind: 'grant',
    issuer: AS_ISSUER,
    clientId: CLAUDE,
    sub: 'ana',
  });
  await entry('ana restored', 300, {
    kind: 'grant',
    issuer: AS_ISSUER,
    clientId: CLAUDE,
    sub: 'ana',
    notBefore: new Date(timeAt(300)),
  });
  await entry('third suspended', 200, { kind: 'agent', issuer: AS_ISSUER, clientId: THIRD });
});

const tokenPage = (filter: TokenFilter) =>
  listTokensPage(ctx.db, ctx.org.id, {
    filter,
    sort: { id: 'token_ref', desc: false },
    limit: 50,
    offset: 0,
    now,
  });

/** Every token as `ref → state (entry name)`. */
async function tokenStates() {
  const names = Object.fromEntries(Object.entries(seqs).map(([name, seq]) => [seq, name]));
  const { rows } = await tokenPage({});
  return Object.fromEntries(
    rows.map((r) => [r.tokenRef, r.refusedBy ? `${r.state} (${names[r.refusedBy.seq]})` : r.state]),
  );
}

const agentId = async (clientId: string) => (await ctx.state.agent(clientId))!.id;

describe('refused tokens, consents and agents', () => {
  it('refuses the tokens each kind of entry covers, and honours not_before', async () => {
    expect(await tokenStates()).toEqual({
      'a-tok': 'refused (token)',
      'a-fam': 'refused (family)',
      'a-ok': 'active',
      'a-ben': 'refused (grant)',
      'a-zoe': 'refused (subject)',
      'a-ana-old': 'refused (ana restored)',
      'a-ana-new': 'active',
      'b-old': 'refused (other reinstated)',
      'b-new': 'active',
      'c-1': 'refused (third suspended)',
    });
    const { rows } = await tokenPage({ q: 'c-1' });
    expect(rows[0]!.refusedBy).toEqual({
      seq: seqs['third suspended'],
      kind: 'agent',
      revoked_at: timeAt(200),
      reason: 'third suspended reason',
      not_before: null,
    });
  });

  it('answers what the check endpoint answers, for every token', async () => {
    const tokens = await ctx.state.tokens();
    for (const token of tokens) {
      const detail = (await getToken(ctx.db, ctx.org.id, token.id, now))!;
      const checked = await findRefusingEntry(ctx.db, ctx.org.id, {
        tokenRef: token.tokenRef,
        familyId: token.familyId,
        issuer: AS_ISSUER,
        clientId: detail.clientId,
        sub: detail.sub,
        issuedAt: null,
      });
      expect(checked?.seq.toString() ?? null, token.tokenRef).toBe(detail.refusedBy?.seq ?? null);
    }
  });

  it('leaves refused tokens out of active filters and counts them apart', async () => {
    const active = await tokenPage({ active: true });
    expect(active.rows.map((r) => r.tokenRef)).toEqual(['a-ana-new', 'a-ok', 'b-new']);
    expect(active.total).toBe(3);
    expect((await tokenPage({ states: ['refused'] })).total).toBe(7);
    expect((await tokenPage({ active: false })).total).toBe(7);
    const facets = await tokenFacets(ctx.db, ctx.org.id, now);
    expect(Object.fromEntries(facets.states.map((s) => [s.value, s.count]))).toEqual({
      active: 3,
      refused: 7,
    });
    const api = await listTokensAfter(ctx.db, ctx.org.id, {
      filter: { active: true },
      after: null,
      limit: 50,
      now,
    });
    expect(api.map((t) => t.tokenRef).sort()).toEqual(['a-ana-new', 'a-ok', 'b-new']);
    const family = await listFamily(ctx.db, ctx.org.id, 'fam-x', now);
    expect(family.rows.map((t) => t.state)).toEqual(['refused']);
  });

  it('refuses consents their grant, agent or subject entry covers, unless reinstated', async () => {
    const { rows } = await listConsentsPage(ctx.db, ctx.org.id, {
      filter: {},
      sort: { id: 'subject', desc: false },
      limit: 50,
      offset: 0,
      now,
    });
    const states = Object.fromEntries(
      rows.map((r) => [
        `${r.clientId === CLAUDE ? 'a' : r.clientId === OTHER ? 'b' : 'c'}/${r.sub}`,
        r.state,
      ]),
    );
    expect(states).toEqual({
      'a/maya': 'active',
      'a/ben': 'refused',
      'a/zoe': 'refused',
      'a/ana': 'active',
      'b/maya': 'active',
      'c/maya': 'refused',
    });
    expect(rows.find((r) => r.sub === 'ben')!.refusedBy).toMatchObject({
      seq: seqs.grant,
      kind: 'grant',
      reason: 'grant reason',
    });
    expect(rows.find((r) => r.sub === 'maya' && r.clientId === CLAUDE)!.refusedBy).toBeNull();
    const facets = await consentFacets(ctx.db, ctx.org.id, now);
    expect(Object.fromEntries(facets.states.map((s) => [s.value, s.count]))).toEqual({
      active: 3,
      refused: 3,
    });
    const api = await listConsentsAfter(ctx.db, ctx.org.id, {
      filter: { active: true },
      after: null,
      limit: 50,
      now,
    });
    expect(api.map((c) => c.sub).sort()).toEqual(['ana', 'maya', 'maya']);
  });

  it('refuses an agent only while its newest agent entry has no reinstatement', async () => {
    const refusal = async (clientId: string) =>
      (await getAgent(ctx.db, ctx.org.id, await agentId(clientId), now))!.refusedBy;
    expect(await refusal(CLAUDE)).toBeNull();
    expect(await refusal(OTHER)).toBeNull();
    expect(await refusal(THIRD)).toMatchObject({ seq: seqs['third suspended'], kind: 'agent' });
    const listed = await listAgentsKeyset(ctx.db, ctx.org.id, { cursor: null, limit: 10, now });
    expect(
      Object.fromEntries(listed.items.map((a) => [a.clientId, a.refusedBy?.kind ?? null])),
    ).toEqual({
      [CLAUDE]: null,
      [OTHER]: null,
      [THIRD]: 'agent',
    });
    const page = await listAgentsPage(ctx.db, ctx.org.id, {
      filter: {},
      sort: { id: 'name', desc: false },
      grouped: false,
      limit: 10,
      offset: 0,
      now,
    });
    expect(page.rows.map((a) => [a.clientId, a.refused])).toEqual([
      [CLAUDE, false],
      [OTHER, false],
      [THIRD, true],
    ]);
  });

  it('counts only unrefused tokens and consents as active on the agent page and the overview', async () => {
    const a = await agentId(CLAUDE);
    expect((await getAgentTokens(ctx.db, ctx.org.id, a, now)).counts).toEqual({
      active: 2,
      refused: 5,
      expired: 0,
      revoked: 0,
    });
    expect((await getAgentTokens(ctx.db, ctx.org.id, await agentId(THIRD), now)).counts).toEqual({
      active: 0,
      refused: 1,
      expired: 0,
      revoked: 0,
    });
    const consents = await listAgentConsents(ctx.db, ctx.org.id, a, now);
    expect(consents.rows.map((c) => `${c.sub}:${c.status}`).sort()).toEqual([
      'ana:active',
      'ben:refused',
      'maya:active',
      'zoe:refused',
    ]);
    const active = await countActiveConsents(
      ctx.db,
      ctx.org.id,
      { agentIds: [a, await agentId(OTHER), await agentId(THIRD)] },
      now,
    );
    expect([...active.values()].sort()).toEqual([1, 2]);
    expect(active.get(await agentId(THIRD))).toBeUndefined();
    const totals = await activeTotals(ctx.db, ctx.org.id, overviewWindows(now));
    expect(totals).toMatchObject({ consents: 3, tokens: 3 });
    const ben = consents.rows.find((c) => c.sub === 'ben')!;
    const benTokens = await listConsentTokens(ctx.db, ctx.org.id, ben.id, 50, now);
    expect(benTokens.rows.map((t) => `${t.tokenRef}:${t.state}`)).toEqual(['a-ben:refused']);
  });
});
