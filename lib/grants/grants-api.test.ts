import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { CLAUDE, granted, issued, registered, setup, type Ctx } from '@/lib/testing/builders';
import { AS_ISSUER, cloudEvent } from '@/lib/testing/events';
import { apiRequest, routeParams } from '@/lib/testing/api-request';
import { createTestActor, setupTestDatabase } from '@/lib/testing/fixtures';
import * as consentList from '@/app/api/v1/consents/route';
import * as consentOne from '@/app/api/v1/consents/[consentId]/route';
import * as consentRevoke from '@/app/api/v1/consents/[consentId]/revoke/route';
import * as tokenList from '@/app/api/v1/tokens/route';
import * as tokenOne from '@/app/api/v1/tokens/[tokenId]/route';
import * as tokenRevoke from '@/app/api/v1/tokens/[tokenId]/revoke/route';
import * as subjectRevoke from '@/app/api/v1/subjects/revoke/route';

const database = setupTestDatabase();
let ctx: Ctx;
let other: Ctx;
const keys = { admin: '', auditor: '', otherAdmin: '' };
const ids = { maya: '', sam: '', foreign: '', loose: '', familyToken: '', foreignToken: '' };

async function tokenFor(orgId: string, role: 'admin' | 'auditor') {
  const actor = await createTestActor(database().db, orgId);
  return (await createApiToken(database().db, actor, { name: role, role, expiresInDays: null }))
    .token;
}

beforeAll(async () => {
  setDatabase(database());
  ctx = await setup(database().db);
  other = await setup(database().db);
  for (const c of [ctx, other]) {
    await c.send(
      registered(1),
      granted(2, ['issues:read', 'issues:write']),
      granted(3, ['issues:read'], { sub: 'sam' }),
      issued(4, 'loose'),
      issued(4, 'fam-a', { family_id: 'fam' }),
      issued(5, 'sam-token', { sub: 'sam' }),
    );
  }
  await ctx.send(cloudEvent('consent.revoked', { client_id: CLAUDE, sub: 'sam' }, 6));
  const consents = await ctx.state.consents();
  const subjects = await ctx.state.subjects();
  const subOf = (id: string) => subjects.find((s) => s.id === id)!.sub;
  ids.maya = consents.find((c) => subOf(c.subjectId) === 'maya')!.id;
  ids.sam = consents.find((c) => subOf(c.subjectId) === 'sam')!.id;
  ids.foreign = (await other.state.consents())[0]!.id;
  ids.loose = (await ctx.state.token('loose'))!.id;
  ids.familyToken = (await ctx.state.token('fam-a'))!.id;
  ids.foreignToken = (await other.state.token('loose'))!.id;
  keys.admin = await tokenFor(ctx.org.id, 'admin');
  keys.auditor = await tokenFor(ctx.org.id, 'auditor');
  keys.otherAdmin = await tokenFor(other.org.id, 'admin');
});

const call = (path: string, key: string | null, init?: Parameters<typeof apiRequest>[2]) =>
  apiRequest(key, `/api/v1${path}`, init);

const none = routeParams();
const consent = (consentId: string) => routeParams({ consentId });
const token = (tokenId: string) => routeParams({ tokenId });
type Json = Record<string, unknown> & { items: Record<string, unknown>[]; next_cursor: string };
const json = async (response: Response) => (await response.json()) as Json;

// Tokens first: revoking Maya's consent at the end of the consents' tests ends her tokens.
describe('/api/v1/tokens', () => {
  it('lists the org’s tokens with their state, filtered and keyset-paged', async () => {
    const all = await json(await tokenList.GET(call('/tokens', keys.auditor), none));
    expect(all.items.map((t) => t.token_ref).sort()).toEqual(['fam-a', 'loose', 'sam-token']);
    expect(all.items.find((t) => t.token_ref === 'sam-token')).toMatchObject({
      state: 'revoked',
      revoked_by: 'consent',
      sub: 'sam',
    });
    const bySub = await json(
      await tokenList.GET(call('/tokens?sub=maya&active=true', keys.admin), none),
    );
    expect(bySub.items.map((t) => t.token_ref).sort()).toEqual(['fam-a', 'loose']);
    const refs: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: Json = await json(
        await tokenList.GET(
          call(`/tokens?limit=2${cursor ? `&cursor=${cursor}` : ''}`, keys.admin),
          none,
        ),
      );
      refs.push(...page.items.map((t) => t.token_ref));
      cursor = page.next_cursor;
    } while (cursor);
    expect(refs.sort()).toEqual(['fam-a', 'loose', 'sam-token']);
    expect((await tokenList.GET(call('/tokens?limit=501', keys.admin), none)).status).toBe(422);
    expect((await tokenList.GET(call('/tokens', null), none)).status).toBe(401);
  });

  it('revokes a token and a family with their entries; refuses what cannot apply', async () => {
    const revoke = (key: string | null, id: string, body: unknown) =>
      tokenRevoke.POST(call(`/tokens/${id}/revoke`, key, { method: 'POST', body }), token(id));
    expect((await revoke(null, ids.loose, { reason: 'x' })).status).toBe(401);
    expect((await revoke(keys.auditor, ids.loose, { reason: 'x' })).status).toBe(403);
    expect((await revoke(keys.admin, ids.foreignToken, { reason: 'x' })).status).toBe(404);
    expect((await revoke(keys.admin, 'x', { reason: 'x' })).status).toBe(404);
    expect((await revoke(keys.admin, ids.loose, { reason: ' ', family: 'yes' })).status).toBe(422);
    const noFamily = await revoke(keys.admin, ids.loose, { reason: 'x', family: true });
    expect(noFamily.status).toBe(422);
    expect((await json(noFamily)).errors).toEqual([expect.objectContaining({ path: '/family' })]);

    const one = await revoke(keys.admin, ids.loose, { reason: 'leaked' });
    expect(one.status).toBe(200);
    expect(await json(one)).toMatchObject({
      token_ref: 'loose',
      state: 'revoked',
      revoked_by: 'token',
      revocation_reason: 'leaked',
      revocation_entries: [{ kind: 'token', seq: expect.any(String) }],
    });
    expect((await revoke(keys.admin, ids.loose, { reason: 'again' })).status).toBe(409);

    const family = await revoke(keys.admin, ids.familyToken, { reason: 'reuse', family: true });
    expect(await json(family)).toMatchObject({
      family_id: 'fam',
      state: 'revoked',
      revoked_by: 'family',
      revocation_entries: [{ kind: 'family' }],
    });
    expect(
      (await revoke(keys.admin, ids.familyToken, { reason: 'again', family: true })).status,
    ).toBe(409);
    const fetched = await tokenOne.GET(call('', keys.auditor), token(ids.familyToken));
    expect(await json(fetched)).toMatchObject({ family_revoked_at: expect.any(String) });
    expect((await tokenOne.GET(call('', keys.admin), token('nope'))).status).toBe(404);
    expect((await tokenOne.GET(call('', keys.otherAdmin), token(ids.loose))).status).toBe(404);
  });
});

describe('/api/v1/consents', () => {
  it('lists the org’s consents, filtered by outside identifiers, keyset-paged', async () => {
    const all = await consentList.GET(call('/consents', keys.auditor), none);
    expect(all.status).toBe(200);
    const body = await json(all);
    expect(body.items.map((c) => c.sub).sort()).toEqual(['maya', 'sam']);
    expect(body.items[0]).toMatchObject({ client_id: CLAUDE, issuer: expect.any(String) });
    expect(body.next_cursor).toBeNull();

    const active = await json(
      await consentList.GET(
        call('/consents?active=true&client_id=' + encodeURIComponent(CLAUDE), keys.admin),
        none,
      ),
    );
    expect(active.items).toMatchObject([
      { id: ids.maya, status: 'active', scopes: ['issues:read', 'issues:write'] },
    ]);
    const revoked = await json(
      await consentList.GET(call('/consents?active=false', keys.admin), none),
    );
    expect(revoked.items).toMatchObject([
      { id: ids.sam, status: 'revoked', revoked_at: expect.any(String) },
    ]);
    expect(
      (await json(await consentList.GET(call('/consents?sub=nobody', keys.admin), none))).items,
    ).toEqual([]);

    const first = await json(await consentList.GET(call('/consents?limit=1', keys.admin), none));
    expect(first.items).toHaveLength(1);
    const second = await json(
      await consentList.GET(
        call(`/consents?limit=1&cursor=${first.next_cursor}`, keys.admin),
        none,
      ),
    );
    expect(second.items).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
    expect([first.items[0]!.id, second.items[0]!.id].sort()).toEqual([ids.maya, ids.sam].sort());
  });

  it('answers one consent with its history, and 404 for unknown, foreign or malformed ids', async () => {
    const one = await consentOne.GET(call(`/consents/${ids.sam}`, keys.auditor), consent(ids.sam));
    expect(one.status).toBe(200);
    expect(((await json(one)).history as { change: string }[]).map((h) => h.change)).toEqual([
      'granted',
      'revoked',
    ]);
    for (const id of [randomUUID(), ids.foreign, 'not-a-uuid']) {
      expect((await consentOne.GET(call(`/consents/${id}`, keys.admin), consent(id))).status).toBe(
        404,
      );
    }
  });

  it('refuses bad queries with 422 naming the parameter, and callers without the right credentials', async () => {
    for (const [query, path] of [
      ['limit=0', '/limit'],
      ['limit=x', '/limit'],
      ['active=maybe', '/active'],
      ['cursor=bm9wZQ', '/cursor'],
      ['sub=', '/sub'],
    ]) {
      const response = await consentList.GET(call(`/consents?${query}`, keys.admin), none);
      expect(response.status).toBe(422);
      expect((await json(response)).errors).toEqual([expect.objectContaining({ path })]);
    }
    expect((await consentList.GET(call('/consents', null), none)).status).toBe(401);
    expect(
      (await consentOne.GET(call(`/consents/${ids.maya}`, null), consent(ids.maya))).status,
    ).toBe(401);
  });

  it('revokes scopes, then the rest, answering the consent and its entries; refusals change nothing', async () => {
    const revoke = (key: string | null, id: string, body: unknown, contentType?: string) =>
      consentRevoke.POST(
        call(`/consents/${id}/revoke`, key, { method: 'POST', body, contentType }),
        consent(id),
      );
    expect((await revoke(null, ids.maya, { reason: 'x' })).status).toBe(401);
    expect((await revoke(keys.auditor, ids.maya, { reason: 'x' })).status).toBe(403);
    expect((await revoke(keys.otherAdmin, ids.maya, { reason: 'x' })).status).toBe(404);
    expect((await revoke(keys.admin, 'nope', { reason: 'x' })).status).toBe(404);
    expect((await revoke(keys.admin, randomUUID(), { reason: 'x' })).status).toBe(404);
    expect((await revoke(keys.admin, ids.maya, '{"reason":')).status).toBe(400);
    expect((await revoke(keys.admin, ids.maya, { reason: 'x' }, 'text/plain')).status).toBe(415);
    const missing = await revoke(keys.admin, ids.maya, { scopes: 'issues:read' });
    expect(missing.status).toBe(422);
    expect(((await json(missing)).errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      '/reason',
      '/scopes',
    ]);
    expect((await revoke(keys.admin, ids.maya, { reason: 'x', scopes: [] })).status).toBe(422);
    const unknown = await revoke(keys.admin, ids.maya, {
      reason: 'x',
      scopes: ['admin:all', 'issues:write'],
    });
    expect(unknown.status).toBe(422);
    expect(await json(unknown)).toMatchObject({
      errors: [{ path: '/scopes', message: 'Not scopes of this consent: admin:all' }],
    });
    expect(
      (await json(await consentOne.GET(call('', keys.admin), consent(ids.maya)))).scopes,
    ).toEqual(['issues:read', 'issues:write']);

    const narrowed = await revoke(keys.admin, ids.maya, {
      reason: 'least privilege',
      scopes: ['issues:write'],
    });
    expect(narrowed.status).toBe(200);
    expect(await json(narrowed)).toMatchObject({
      id: ids.maya,
      status: 'active',
      scopes: ['issues:read'],
      revocation_entries: [],
    });
    const revoked = await revoke(keys.admin, ids.maya, { reason: 'offboarding' });
    expect(await json(revoked)).toMatchObject({
      status: 'revoked',
      scopes: [],
      revocation_entries: [{ seq: expect.stringMatching(/^\d+$/), kind: 'grant' }],
    });
    const again = await revoke(keys.admin, ids.maya, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('/api/v1/subjects/revoke', () => {
  it('revokes everything of one end user by issuer and sub; refusals change nothing', async () => {
    const revoke = (key: string | null, body: unknown) =>
      subjectRevoke.POST(call('/subjects/revoke', key, { method: 'POST', body }), none);
    const sam = { issuer: AS_ISSUER, sub: 'sam', reason: 'left the company' };
    expect((await revoke(null, sam)).status).toBe(401);
    expect((await revoke(keys.auditor, sam)).status).toBe(403);
    const missing = await revoke(keys.admin, { issuer: AS_ISSUER });
    expect(missing.status).toBe(422);
    expect(((await json(missing)).errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      '/reason',
      '/sub',
    ]);
    expect((await revoke(keys.admin, { ...sam, sub: 'nobody' })).status).toBe(404);

    const done = await revoke(keys.admin, sam);
    expect(done.status).toBe(200);
    expect(await json(done)).toEqual({
      consents_revoked: 0,
      revocation_entries: [{ seq: expect.stringMatching(/^\d+$/), kind: 'subject' }],
    });
    // The other org's Sam is another person.
    const theirs = await other.state.consents();
    expect(theirs.every((c) => c.status === 'active')).toBe(true);
  });
});
