import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outboxDeliveries, revocationEntries, sources } from '@/db/schema';
import { CLAUDE, granted, issued, registered, setup, type Ctx } from '@/lib/testing/builders';
import { AS_ISSUER, cloudEvent, MCP, timeAt } from '@/lib/testing/events';
import { presentEntry } from '@/lib/revocations/present';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { revokeToken } from '@/lib/grants/revoke-token';

const database = setupTestDatabase();

async function entriesOf(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(revocationEntries)
    .where(eq(revocationEntries.orgId, ctx.org.id))
    .orderBy(asc(revocationEntries.seq));
  return rows.map(presentEntry);
}

const revoked = (at: number, ref: string, extra: Record<string, unknown> = {}) =>
  cloudEvent('token.revoked', { token_ref: ref, ...extra }, at);

describe('entries made by ingested ends', () => {
  it('a token.revoked makes one token entry, never again on redelivery or a repeat under a new id', async () => {
    const ctx = await setup(database().db);
    await ctx.send(registered(1), issued(2, 'tok-1'));
    const event = revoked(5, 'tok-1', { reason: 'user signed out' });
    await ctx.send(event);
    await ctx.send(event);
    await ctx.send(revoked(6, 'tok-1'), event);
    expect(await entriesOf(ctx)).toEqual([
      {
        seq: '1',
        kind: 'token',
        token_ref: 'tok-1',
        revoked_at: timeAt(5),
        reason: 'user signed out',
        actor: { type: 'system', id: `source:${ctx.as.id}` },
      },
    ]);
  });

  it('an ingested end after an admin revoked the same token makes no second entry', async () => {
    const ctx = await setup(database().db);
    await ctx.send(registered(1), issued(2, 'tok-1'));
    const [token] = await ctx.state.tokens();
    await revokeToken(
      ctx.db,
      { id: randomUUID(), orgId: ctx.org.id, email: 'admin@e2e.test' },
      { tokenId: token!.id, reason: 'leaked', family: false },
    );
    await ctx.send(revoked(8, 'tok-1', { actor: { type: 'admin', id: 'ops' } }));
    expect((await entriesOf(ctx)).map((e) => [e.kind, e.actor.type])).toEqual([['token', 'admin']]);
  });

  it('a family revocation and a refresh-token reuse revoke the whole family, once', async () => {
    const ctx = await setup(database().db);
    await ctx.send(
      registered(1),
      issued(2, 'r1', { family_id: 'fam-a', token_type: 'refresh_token' }),
      issued(2, 'r2', { family_id: 'fam-b', token_type: 'refresh_token' }),
    );
    await ctx.send(
      revoked(4, 'r1', { family_id: 'fam-a' }),
      cloudEvent('token.reuse_detected', { family_id: 'fam-b', client_id: CLAUDE }, 5),
      cloudEvent('token.reuse_detected', { family_id: 'fam-b', client_id: CLAUDE }, 6),
    );
    const entries = await entriesOf(ctx);
    expect(entries.map((e) => [e.kind, e.family_id, e.reason])).toEqual([
      ['family', 'fam-a', 'family revoked'],
      ['family', 'fam-b', 'refresh token reuse detected'],
    ]);
    const tokens = await ctx.state.tokens();
    expect(tokens.map((t) => [t.tokenRef, t.revokedAt?.toISOString()])).toEqual([
      ['r1', timeAt(4)],
      ['r2', timeAt(5)],
    ]);
  });

  it('a client.deleted makes an agent entry, unless a newer registration brought the client back', async () => {
    const ctx = await setup(database().db);
    await ctx.send(registered(1));
    await ctx.send(cloudEvent('client.deleted', { client_id: CLAUDE, reason: 'offboarded' }, 5));
    const back = await setup(database().db);
    await back.send(registered(1), registered(9));
    await back.send(cloudEvent('client.deleted', { client_id: CLAUDE }, 5));
    expect(await entriesOf(ctx)).toMatchObject([
      { kind: 'agent', issuer: AS_ISSUER, client_id: CLAUDE, reason: 'offboarded' },
    ]);
    expect(await entriesOf(back)).toEqual([]);
  });

  it('a consent.revoked of everything the subject granted makes a grant entry', async () => {
    const ctx = await setup(database().db);
    await ctx.send(registered(1), granted(2, ['issues:read']));
    await ctx.send(cloudEvent('consent.revoked', { client_id: CLAUDE, sub: 'maya' }, 4));
    expect(await entriesOf(ctx)).toMatchObject([
      { kind: 'grant', issuer: AS_ISSUER, client_id: CLAUDE, sub: 'maya' },
    ]);
  });

  it('approving the agent again after a grant entry reinstates the pair from then on, once', async () => {
    const ctx = await setup(database().db);
    const revokeAll = cloudEvent('consent.revoked', { client_id: CLAUDE, sub: 'maya' }, 5);
    // A grant before any revocation reinstates nothing.
    await ctx.send(registered(1), granted(2, ['issues:read']), revokeAll);
    await ctx.send(granted(8, ['issues:read']));
    // The same approval again, and one older than the revocation, change nothing more.
    await ctx.send(granted(9, ['issues:read']), granted(4, ['issues:read']));
    const entries = await entriesOf(ctx);
    expect(entries.map((e) => [e.kind, e.revoked_at, e.not_before ?? null])).toEqual([
      ['grant', timeAt(5), null],
      ['grant', timeAt(8), timeAt(8)],
    ]);
    expect(entries[1]).toMatchObject({ issuer: AS_ISSUER, client_id: CLAUDE, sub: 'maya' });

    // Revoked again, then approved again: a new pair of entries.
    await ctx.send(cloudEvent('consent.revoked', { client_id: CLAUDE, sub: 'maya' }, 12));
    await ctx.send(granted(14, ['issues:read']));
    expect((await entriesOf(ctx)).map((e) => e.not_before ?? null)).toEqual([
      null,
      timeAt(8),
      null,
      timeAt(14),
    ]);
  });

  it('ending one consent while another remains refuses only its live tokens', async () => {
    const ctx = await setup(database().db);
    const other = 'https://other.acme.example';
    await ctx.send(
      registered(1),
      granted(2, ['issues:read'], { consent_id: 'c-1' }),
      granted(2, ['docs:read'], { consent_id: 'c-2', resource: other }),
      issued(3, 'a1', { consent_id: 'c-1' }),
      issued(3, 'r1', { consent_id: 'c-1', family_id: 'fam', token_type: 'refresh_token' }),
      issued(3, 'expired', { consent_id: 'c-1', expires_at: '2020-01-01T00:00:00Z' }),
      issued(3, 'keep', { consent_id: 'c-2', resource: other }),
    );
    await ctx.send(
      cloudEvent('consent.revoked', { client_id: CLAUDE, sub: 'maya', consent_id: 'c-1' }, 6),
    );
    expect((await entriesOf(ctx)).map((e) => [e.kind, e.family_id ?? e.token_ref])).toEqual([
      ['family', 'fam'],
      ['token', 'a1'],
    ]);
    // The last consent ending ends the grant.
    await ctx.send(
      cloudEvent('consent.revoked', { client_id: CLAUDE, sub: 'maya', consent_id: 'c-2' }, 7),
    );
    expect((await entriesOf(ctx)).map((e) => e.kind)).toEqual(['family', 'token', 'grant']);
  });

  it('removing some scopes that leave the consent in place makes no entry', async () => {
    const ctx = await setup(database().db);
    await ctx.send(registered(1), granted(2, ['issues:read', 'issues:write']), issued(3, 't'));
    await ctx.send(
      cloudEvent(
        'consent.revoked',
        { client_id: CLAUDE, sub: 'maya', resource: MCP, scopes: ['issues:write'] },
        4,
      ),
    );
    expect(await entriesOf(ctx)).toEqual([]);
  });

  it('queues the push of each entry to sources with a revocation webhook, in the same transaction', async () => {
    const ctx = await setup(database().db);
    await ctx.db
      .update(sources)
      .set({ revocationWebhookUrl: 'https://mcp.acme.example/revocations' })
      .where(eq(sources.id, ctx.mcp.id));
    await ctx.send(revoked(2, 'x'), revoked(3, 'y'));
    const outbox = await ctx.db
      .select({ sourceId: outboxDeliveries.sourceId, status: outboxDeliveries.status })
      .from(outboxDeliveries)
      .where(eq(outboxDeliveries.orgId, ctx.org.id));
    expect(outbox).toEqual([
      { sourceId: ctx.mcp.id, status: 'pending' },
      { sourceId: ctx.mcp.id, status: 'pending' },
    ]);
    expect((await entriesOf(ctx)).map((e) => e.token_ref)).toEqual(['x', 'y']);
  });
});
