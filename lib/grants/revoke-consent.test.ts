import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { grantRevocations, orgCounters, revocationEntries } from '@/db/schema';
import { ExpectedError } from '@/lib/errors';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { CLAUDE, granted, issued, registered, setup, type Ctx } from '@/lib/testing/builders';
import { AS_ISSUER, cloudEvent, MCP, timeAt } from '@/lib/testing/events';
import { revokeConsent } from './revoke-consent';

const database = setupTestDatabase();
const RW = ['issues:read', 'issues:write'];
const at = (seconds: number) => new Date(timeAt(seconds));

/** A consent with a loose access token and a refresh family, each carrying different scopes. */
async function grantWithTokens(ctx: Ctx) {
  await ctx.send(
    registered(1),
    granted(2, RW),
    issued(3, 'read-only', { scopes: ['issues:read'] }),
    issued(3, 'family-access', { scopes: RW, family_id: 'fam-1' }),
    issued(3, 'family-refresh', {
      scopes: RW,
      family_id: 'fam-1',
      token_type: 'refresh_token',
    }),
  );
  const [consent] = await ctx.state.consents();
  return consent!;
}

const actorOf = (ctx: Ctx) => ({ id: randomUUID(), orgId: ctx.org.id, email: 'admin@e2e.test' });

/** What the projection keeps of a consent and its history, without ids, actors and reasons. */
async function consentState(ctx: Ctx) {
  const [consent] = await ctx.state.consents();
  const history = await ctx.state.consentHistory(consent!.id);
  return {
    scopes: consent!.scopes,
    status: consent!.status,
    revokedAt: consent!.revokedAt,
    history: history.map((h) => [h.change, h.added, h.removed, h.scopesAfter, h.occurredAt]),
  };
}

async function tokenEnds(ctx: Ctx) {
  const rows = await ctx.state.tokens();
  return Object.fromEntries(
    rows.map((t) => [t.tokenRef, { revokedAt: t.revokedAt, revokedBy: t.revokedBy }]),
  );
}

async function written(ctx: Ctx) {
  const db = ctx.db;
  return {
    revocations: (
      await db.select().from(grantRevocations).where(eq(grantRevocations.orgId, ctx.org.id))
    ).length,
    entries: (
      await db.select().from(revocationEntries).where(eq(revocationEntries.orgId, ctx.org.id))
    ).length,
    audit: (await ctx.state.audit()).length,
  };
}

describe('revokeConsent', () => {
  it('revokes a whole consent exactly as an ingested consent.revoked would, with a grant entry and its audit row', async () => {
    const admin = await setup(database().db);
    const ingested = await setup(database().db);
    const consent = await grantWithTokens(admin);
    await grantWithTokens(ingested);

    const result = await revokeConsent(
      admin.db,
      actorOf(admin),
      { consentId: consent.id, reason: 'laptop stolen' },
      at(10),
    );
    await ingested.send(
      cloudEvent('consent.revoked', { client_id: CLAUDE, sub: 'maya', resource: MCP }, 10),
    );

    expect(await consentState(admin)).toEqual(await consentState(ingested));
    expect(await tokenEnds(admin)).toEqual(await tokenEnds(ingested));
    expect(result.consent.state).toBe('revoked');
    expect(result.removed).toEqual(RW);
    expect(Object.values(await tokenEnds(admin))).toEqual(
      Array(3).fill({ revokedAt: at(10), revokedBy: 'consent' }),
    );

    // The only consent between this agent and subject: one `grant` entry covers every token.
    const entries = await admin.db
      .select()
      .from(revocationEntries)
      .where(eq(revocationEntries.orgId, admin.org.id));
    expect(entries).toMatchObject([
      { kind: 'grant', issuer: AS_ISSUER, clientId: CLAUDE, sub: 'maya', reason: 'laptop stolen' },
    ]);
    expect(result.entries).toEqual([{ seq: entries[0]!.seq, kind: 'grant' }]);
    const audit = (await admin.state.audit()).at(-1)!;
    expect(audit).toMatchObject({
      type: 'admin.consent.revoked',
      actorType: 'admin',
      reason: 'laptop stolen',
      clientId: CLAUDE,
      sub: 'maya',
    });
    expect(audit.data).toMatchObject({
      before: { status: 'active', scopes: RW },
      after: { status: 'revoked', scopes: [] },
    });
    const history = await admin.state.consentHistory(consent.id);
    expect(history.at(-1)).toMatchObject({
      change: 'revoked',
      reason: 'laptop stolen',
      actor: { type: 'admin', email: 'admin@e2e.test' },
    });
  });

  it('removes some scopes: the consent narrows as the projection replays it, and tokens carrying them end', async () => {
    const admin = await setup(database().db);
    const ingested = await setup(database().db);
    const consent = await grantWithTokens(admin);
    await grantWithTokens(ingested);

    const result = await revokeConsent(
      admin.db,
      actorOf(admin),
      { consentId: consent.id, reason: 'least privilege', scopes: ['issues:write'] },
      at(10),
    );
    await ingested.send(
      cloudEvent(
        'consent.revoked',
        { client_id: CLAUDE, sub: 'maya', resource: MCP, scopes: ['issues:write'] },
        10,
      ),
    );
    expect(await consentState(admin)).toEqual(await consentState(ingested));
    expect((await consentState(admin)).history.at(-1)!.slice(0, 3)).toEqual([
      'narrowed',
      [],
      ['issues:write'],
    ]);
    expect(result.consent).toMatchObject({ state: 'active', scopes: ['issues:read'] });

    // A token cannot lose a scope: the family holding issues:write ends, the read-only one lives.
    expect(await tokenEnds(admin)).toEqual({
      'read-only': { revokedAt: null, revokedBy: null },
      'family-access': { revokedAt: at(10), revokedBy: 'family' },
      'family-refresh': { revokedAt: at(10), revokedBy: 'family' },
    });
    expect(result.entries.map((e) => e.kind)).toEqual(['family']);
    const [entry] = await admin.db
      .select()
      .from(revocationEntries)
      .where(eq(revocationEntries.orgId, admin.org.id));
    expect(entry).toMatchObject({ kind: 'family', familyId: 'fam-1' });
    expect((await admin.state.audit()).at(-1)).toMatchObject({
      type: 'admin.consent.narrowed',
      reason: 'least privilege',
    });
  });

  it('names token and family entries instead of a grant when the subject has another active consent with the agent', async () => {
    const ctx = await setup(database().db);
    const consent = await grantWithTokens(ctx);
    await ctx.send(granted(4, ['files:read'], { resource: 'https://files.acme.example' }));
    const result = await revokeConsent(
      ctx.db,
      actorOf(ctx),
      { consentId: consent.id, reason: 'only the tracker' },
      at(10),
    );
    const entries = await ctx.db
      .select()
      .from(revocationEntries)
      .where(eq(revocationEntries.orgId, ctx.org.id));
    expect(entries.map((e) => [e.kind, e.familyId ?? e.tokenRef])).toEqual([
      ['family', 'fam-1'],
      ['token', 'read-only'],
    ]);
    expect(result.entries).toHaveLength(2);
    const other = (await ctx.state.consents()).find((c) => c.id !== consent.id)!;
    expect(other.status).toBe('active');
  });

  it('still ends a token of the revoked consent that is reported later', async () => {
    const ctx = await setup(database().db);
    const consent = await grantWithTokens(ctx);
    await revokeConsent(ctx.db, actorOf(ctx), { consentId: consent.id, reason: 'gone' }, at(10));
    await ctx.send(issued(5, 'late-comer'), issued(20, 'after-the-end'));
    expect(await ctx.state.token('late-comer')).toMatchObject({
      revokedAt: at(10),
      revokedBy: 'consent',
    });
    expect((await ctx.state.token('after-the-end'))!.revokedAt).toBeNull();
  });

  it('refuses what cannot apply and writes nothing', async () => {
    const ctx = await setup(database().db);
    const consent = await grantWithTokens(ctx);
    const actor = actorOf(ctx);
    const before = await written(ctx);

    await expect(
      revokeConsent(ctx.db, actor, {
        consentId: consent.id,
        reason: 'x',
        scopes: ['admin:all', 'issues:read'],
      }),
    ).rejects.toMatchObject({
      constructor: ExpectedError,
      code: 'invalid',
      errors: [{ path: '/scopes', message: 'Not scopes of this consent: admin:all' }],
    });
    await expect(
      revokeConsent(ctx.db, actor, { consentId: randomUUID(), reason: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      revokeConsent(
        ctx.db,
        { ...actor, orgId: (await setup(ctx.db)).org.id },
        { consentId: consent.id, reason: 'x' },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await written(ctx)).toEqual(before);

    await revokeConsent(ctx.db, actor, { consentId: consent.id, reason: 'first' });
    const after = await written(ctx);
    const again = revokeConsent(ctx.db, actor, { consentId: consent.id, reason: 'second' });
    await expect(again).rejects.toMatchObject({ constructor: ExpectedError, code: 'conflict' });
    await expect(again).rejects.toThrow('already revoked');
    expect(await written(ctx)).toEqual(after);
  });

  it('writes the revocation, its entries and its audit row in one transaction', async () => {
    const ctx = await setup(database().db);
    const consent = await grantWithTokens(ctx);
    const before = await written(ctx);
    // Without its counter row the org cannot get an entry: the last writes fail.
    await ctx.db.delete(orgCounters).where(eq(orgCounters.orgId, ctx.org.id));
    await expect(
      revokeConsent(ctx.db, actorOf(ctx), { consentId: consent.id, reason: 'x' }),
    ).rejects.toThrow();
    expect(await written(ctx)).toEqual(before);
    const [unchanged] = await ctx.state.consents();
    expect(unchanged).toMatchObject({ status: 'active', scopes: RW });
    expect(Object.values(await tokenEnds(ctx)).every((t) => t.revokedAt === null)).toBe(true);
  });
});
