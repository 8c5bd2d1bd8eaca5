import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { listLeaksOfEntries } from '@/db/queries/enforcement';
import { revocationLeaks } from '@/db/schema';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { invoked, issued, setup } from '@/lib/testing/builders';
import { auditOf, entryAt, statusesOf } from '@/lib/testing/enforcement';
import { timeAt } from '@/lib/testing/events';
import { createTestActor, setupTestDatabase } from '@/lib/testing/fixtures';
import { loadOverview } from '@/lib/overview/load';
import { sources } from '@/db/schema';
import * as leaksRoute from '@/app/api/v1/revocations/leaks/route';
import { describeLeak } from './words';

const database = setupTestDatabase();
beforeAll(() => setDatabase(database()));

const leaksOf = async (db: ReturnType<typeof database>['db'], orgId: string, entryId: string) =>
  db.select().from(revocationLeaks).where(eq(revocationLeaks.entryId, entryId));

describe('leaks', () => {
  it('a successful call more than 5 s after the entry is a leak at that server: audited once, counted after', async () => {
    const { db, org, mcp, send } = await setup(database().db);
    const entry = await entryAt(db, org.id, 100);
    await send(invoked(104), invoked(105), invoked(106, { outcome: 'error' }));
    expect(await leaksOf(db, org.id, entry.id)).toEqual([]);
    await send(invoked(106), invoked(107, { outcome: 'denied' }));
    await send(invoked(120), invoked(130));
    const [leak] = await leaksOf(db, org.id, entry.id);
    expect(leak).toMatchObject({
      sourceId: mcp.id,
      count: 3,
      refreshes: 0,
      firstAt: new Date(timeAt(106)),
      lastAt: new Date(timeAt(130)),
    });
    const audited = await auditOf(db, org.id, 'revocation.leak_detected');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({
      sourceId: mcp.id,
      clientId: 'https://claude.example/client.json',
      occurredAt: new Date(timeAt(106)),
    });
    expect(audited[0]!.summary).toMatch(
      new RegExp(
        `^Revocation entry ${entry.seq} not enforced: a call by .* was served 6\\.0 s after it$`,
      ),
    );
    const status = await statusesOf(db, org.id, entry, [mcp.id]);
    expect(status.of(mcp.id)).toMatchObject({ status: 'not_enforcing', leaks: 3 });
    expect(status.summary).toEqual({ should: 1, applied: 0, not_enforcing: 1 });
  });

  it('an authorization server issuing or refreshing for a covered agent leaks, in its own words', async () => {
    const { db, org, as, send } = await setup(database().db);
    const entry = await entryAt(db, org.id, 0);
    await send(
      issued(10, 'a1'),
      issued(20, 'r1', { grant_type: 'refresh_token' }),
      issued(30, 'r2', { grant_type: 'refresh_token' }),
    );
    const [leak] = await leaksOf(db, org.id, entry.id);
    expect(leak).toMatchObject({ sourceId: as.id, count: 3, refreshes: 2 });
    const [view] = await listLeaksOfEntries(db, org.id, [entry.id]);
    expect(
      describeLeak({
        ...view!,
        agentName: 'Terminal Pilot CLI',
        agentStatus: 'suspended',
        sourceName: 'Acme AS',
      }),
    ).toBe(
      'Acme AS keeps refreshing tokens for Terminal Pilot CLI after it was suspended — it does not consult the hub',
    );
    expect(
      describeLeak({
        ...view!,
        refreshes: 0,
        agentName: 'Terminal Pilot CLI',
        agentStatus: 'blocked',
        sourceName: 'Acme AS',
      }),
    ).toBe(
      'Acme AS issued 3 tokens to Terminal Pilot CLI after it was blocked — it does not consult the hub',
    );
    expect(
      describeLeak({
        ...view!,
        sourceKind: 'mcp_server',
        count: 12,
        agentName: 'Terminal Pilot CLI',
        agentStatus: 'suspended',
        sourceName: 'Acme CRM',
      }),
    ).toBe(
      'Acme CRM served 12 calls to Terminal Pilot CLI after it was suspended — it is not enforcing revocations',
    );
  });

  it('respects a reinstatement: a token issued after not_before is no leak, an older one is', async () => {
    const { db, org, send } = await setup(database().db);
    await entryAt(db, org.id, 0);
    const reinstated = await entryAt(db, org.id, 50, { notBefore: new Date(timeAt(50)) });
    await send(issued(10, 'old'), issued(60, 'new'));
    // the AS's issuance at 10 leaked the suspension; at 60 it was allowed again
    await send(invoked(100, { token_ref: 'new' }), invoked(101));
    expect(await leaksOf(db, org.id, reinstated.id)).toEqual([]);
    await send(invoked(102, { token_ref: 'old' }));
    expect(await leaksOf(db, org.id, reinstated.id)).toMatchObject([{ count: 1 }]);
  });

  it('reaches tokens by ref, family (also through the stored token) and subject', async () => {
    const { db, org, send } = await setup(database().db);
    await send(issued(0, 'fam-1', { family_id: 'F', token_type: 'refresh_token' }));
    const token = await entryAt(db, org.id, 1, {
      kind: 'token',
      tokenRef: 't1',
      issuer: null,
      clientId: null,
    });
    const family = await entryAt(db, org.id, 1, {
      kind: 'family',
      familyId: 'F',
      issuer: null,
      clientId: null,
    });
    const subject = await entryAt(db, org.id, 1, { kind: 'subject', sub: 'noah', clientId: null });
    await send(
      invoked(10, { token_ref: 't1', sub: 'ana' }),
      invoked(11, { token_ref: 'fam-1', sub: 'ana' }),
      invoked(12, { sub: 'noah' }),
    );
    // an issuance under a revoked token's own ref proves nothing; one in a revoked family does
    await send(
      issued(20, 't1', { sub: 'ana' }),
      issued(21, 'fam-2', { family_id: 'F', sub: 'ana' }),
    );
    expect(await leaksOf(db, org.id, token.id)).toMatchObject([{ count: 1 }]);
    expect((await leaksOf(db, org.id, family.id)).map((l) => l.count).sort()).toEqual([1, 1]);
    expect(await leaksOf(db, org.id, subject.id)).toMatchObject([{ count: 1, sub: 'noah' }]);
  });

  it('puts leaks under "Needs attention" first, unless the source is marked as not enforcing', async () => {
    const { db, org, mcp, send } = await setup(database().db);
    const entry = await entryAt(db, org.id, 0);
    await send(invoked(10), invoked(11));
    const at = new Date(timeAt(3600));
    const [first] = (await loadOverview(db, org.id, at)).attention.items;
    expect(first).toMatchObject({
      kind: 'revocation_leak',
      severity: 'critical',
      href: `/revocations/${entry.seq}`,
    });
    expect(first!.title).toMatch(
      / served 2 calls to \S+ after its access was revoked — it is not enforcing revocations$/,
    );
    await db.update(sources).set({ enforcesRevocations: false }).where(eq(sources.id, mcp.id));
    const after = (await loadOverview(db, org.id, at)).attention.items;
    expect(after.filter((i) => i.kind === 'revocation_leak')).toEqual([]);
  });

  it('GET /api/v1/revocations/leaks lists them newest first, keyset-paged', async () => {
    const { db, org, send } = await setup(database().db);
    const token = (
      await createApiToken(db, await createTestActor(db, org.id), {
        name: 'l',
        role: 'auditor',
        expiresInDays: null,
      })
    ).token;
    const first = await entryAt(db, org.id, 0, { kind: 'grant', sub: 'maya' });
    await send(invoked(10));
    const second = await entryAt(db, org.id, 20, {
      kind: 'token',
      tokenRef: 'x',
      issuer: null,
      clientId: null,
    });
    await send(invoked(30, { token_ref: 'x' }));
    const get = async (query: string) => {
      const response = await leaksRoute.GET(
        new Request(`http://hub.test/api/v1/revocations/leaks?${query}`, {
          headers: { authorization: `Bearer ${token}` },
        }),
        { params: Promise.resolve({}) },
      );
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const page1 = await get('limit=1');
    expect(page1.status).toBe(200);
    const items1 = page1.body.items as Record<string, unknown>[];
    expect(items1).toMatchObject([{ seq: second.seq.toString(), entry_kind: 'token', events: 1 }]);
    expect(items1[0]!.summary).toMatch(/served 1 call to .* after its token was revoked/);
    const page2 = await get(`limit=1&cursor=${String(page1.body.next_cursor)}`);
    expect(page2.body).toMatchObject({
      items: [{ seq: first.seq.toString(), entry_kind: 'grant', sub: 'maya' }],
      next_cursor: null,
    });
    expect((await get('cursor=nope')).status).toBe(422);
    expect((await get('limit=0')).status).toBe(422);
  });
});
