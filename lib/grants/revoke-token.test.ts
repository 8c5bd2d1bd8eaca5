import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { revocationEntries, tokenFamilyRevocations } from '@/db/schema';
import { ExpectedError } from '@/lib/errors';
import { granted, issued, registered, setup, type Ctx } from '@/lib/testing/builders';
import { cloudEvent, timeAt } from '@/lib/testing/events';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { revokeToken } from './revoke-token';

const database = setupTestDatabase();
const at = (seconds: number) => new Date(timeAt(seconds));
const actorOf = (ctx: Ctx) => ({ id: randomUUID(), orgId: ctx.org.id, email: 'admin@e2e.test' });

/** A refresh family of two generations, and an access token outside any family. */
async function family(ctx: Ctx) {
  await ctx.send(
    registered(1),
    granted(2, ['issues:read']),
    issued(3, 'a1', { family_id: 'fam' }),
    issued(3, 'r1', { family_id: 'fam', token_type: 'refresh_token' }),
    issued(6, 'a2', { family_id: 'fam', parent_ref: 'r1' }),
    issued(6, 'r2', { family_id: 'fam', parent_ref: 'r1', token_type: 'refresh_token' }),
    issued(4, 'loose'),
  );
  await ctx.send(cloudEvent('token.revoked', { token_ref: 'r1', reason: 'rotated' }, 7));
  const ids = Object.fromEntries((await ctx.state.tokens()).map((t) => [t.tokenRef, t.id]));
  return ids as Record<'a1' | 'r1' | 'a2' | 'r2' | 'loose', string>;
}

async function entriesOf(ctx: Ctx) {
  return ctx.db
    .select()
    .from(revocationEntries)
    .where(eq(revocationEntries.orgId, ctx.org.id))
    .orderBy(revocationEntries.seq);
}

describe('revokeToken', () => {
  it('revokes one token as an ingested token.revoked would, with a token entry and its audit row', async () => {
    const admin = await setup(database().db);
    const ingested = await setup(database().db);
    const ids = await family(admin);
    await family(ingested);
    const result = await revokeToken(
      admin.db,
      actorOf(admin),
      { tokenId: ids.loose, reason: 'leaked in a log', family: false },
      at(10),
    );
    await ingested.send(
      cloudEvent('token.revoked', { token_ref: 'loose', reason: 'leaked in a log' }, 10),
    );
    const pick = (t: Awaited<ReturnType<Ctx['state']['token']>>) => ({
      ownRevokedAt: t!.ownRevokedAt,
      revokedAt: t!.revokedAt,
      revokedBy: t!.revokedBy,
      revocationReason: t!.revocationReason,
    });
    expect(pick(await admin.state.token('loose'))).toEqual(
      pick(await ingested.state.token('loose')),
    );
    expect(result.token).toMatchObject({ state: 'revoked', revokedBy: 'token' });
    expect((await admin.state.token('a2'))!.revokedAt).toBeNull();
    expect(await entriesOf(admin)).toMatchObject([
      // the ingested rotation of r1
      { kind: 'token', tokenRef: 'r1', actor: { type: 'system' } },
      { kind: 'token', tokenRef: 'loose', reason: 'leaked in a log', actor: { type: 'admin' } },
    ]);
    expect((await admin.state.audit()).at(-1)).toMatchObject({
      type: 'admin.token.revoked',
      tokenRef: 'loose',
      reason: 'leaked in a log',
      data: { before: { state: 'active' }, after: { state: 'revoked' } },
    });
  });

  it('revokes a whole family, also its members reported later, with one family entry', async () => {
    const ctx = await setup(database().db);
    const ids = await family(ctx);
    const result = await revokeToken(
      ctx.db,
      actorOf(ctx),
      { tokenId: ids.a2, reason: 'reuse suspected', family: true },
      at(10),
    );
    expect(result.entries.map((e) => e.kind)).toEqual(['family']);
    await ctx.send(issued(30, 'r3', { family_id: 'fam', parent_ref: 'r2' }));
    const ends = Object.fromEntries(
      (await ctx.state.tokens()).map((t) => [t.tokenRef, [t.revokedBy, t.revokedAt]]),
    );
    expect(ends).toEqual({
      a1: ['family', at(10)],
      // rotated before the family's end: its own, earlier end stays
      r1: ['token', at(7)],
      a2: ['family', at(10)],
      r2: ['family', at(10)],
      r3: ['family', at(10)],
      loose: [null, null],
    });
    expect(await entriesOf(ctx)).toMatchObject([
      { kind: 'token', tokenRef: 'r1' },
      { kind: 'family', familyId: 'fam' },
    ]);
    const audit = await ctx.state.audit();
    expect(audit.find((a) => a.type === 'admin.token.family_revoked')).toMatchObject({
      reason: 'reuse suspected',
      tokenRef: 'a2',
    });
  });

  it('refuses what is already revoked, has no family or is not the org’s, and writes nothing', async () => {
    const ctx = await setup(database().db);
    const ids = await family(ctx);
    const actor = actorOf(ctx);
    const count = async () => ({
      entries: (await entriesOf(ctx)).length,
      audit: (await ctx.state.audit()).length,
      families: (
        await ctx.db
          .select()
          .from(tokenFamilyRevocations)
          .where(eq(tokenFamilyRevocations.orgId, ctx.org.id))
      ).length,
    });
    const before = await count();
    const rotated = revokeToken(ctx.db, actor, { tokenId: ids.r1, reason: 'x', family: false });
    await expect(rotated).rejects.toMatchObject({ constructor: ExpectedError, code: 'conflict' });
    await expect(rotated).rejects.toThrow('already revoked (by its own revocation)');
    await expect(
      revokeToken(ctx.db, actor, { tokenId: ids.loose, reason: 'x', family: true }),
    ).rejects.toMatchObject({
      constructor: ExpectedError,
      code: 'invalid',
      errors: [{ path: '/family' }],
    });
    await expect(
      revokeToken(ctx.db, actor, { tokenId: randomUUID(), reason: 'x', family: false }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const stranger = { ...actor, orgId: (await setup(ctx.db)).org.id };
    await expect(
      revokeToken(ctx.db, stranger, { tokenId: ids.loose, reason: 'x', family: false }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await count()).toEqual(before);

    await revokeToken(ctx.db, actor, { tokenId: ids.a1, reason: 'first', family: true });
    const after = await count();
    await expect(
      revokeToken(ctx.db, actor, { tokenId: ids.r2, reason: 'again', family: true }),
    ).rejects.toThrow('family is already revoked');
    await expect(
      revokeToken(ctx.db, actor, { tokenId: ids.r2, reason: 'again', family: false }),
    ).rejects.toThrow('already revoked (by its family’s revocation)');
    expect(await count()).toEqual(after);
  });
});
