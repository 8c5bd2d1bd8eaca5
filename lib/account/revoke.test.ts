import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listMyActiveConsents, listRecentCalls } from '@/db/queries/account';
import { revocationEntries } from '@/db/schema';
import {
  CLAUDE,
  granted,
  invoked,
  issued,
  registered,
  setup,
  type Ctx,
} from '@/lib/testing/builders';
import { AS_ISSUER, timeAt } from '@/lib/testing/events';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { removeMyPermission, revokeAgentForMe, type EndUser } from './revoke';

const database = setupTestDatabase();
const OTHER_MCP = 'https://mcp.drive.example';
const at = (seconds: number) => new Date(timeAt(seconds));
const noContext = { ip: '192.0.2.7', userAgent: 'phone' };

const person = (ctx: Ctx, sub: string): EndUser => ({
  orgId: ctx.org.id,
  issuer: AS_ISSUER,
  sub,
  name: sub === 'maya' ? 'Maya Chen' : null,
  email: null,
});

/** Maya allowed Claude on two servers; Bob allowed it on one. */
async function twoPeople(db: Parameters<typeof setup>[0]) {
  const ctx = await setup(db);
  await ctx.send(
    registered(1),
    granted(2, ['issues:read', 'issues:write'], { consent_id: 'c-maya' }),
    granted(2, ['files:read'], { consent_id: 'c-maya-drive', resource: OTHER_MCP }),
    granted(3, ['issues:read'], { sub: 'bob', consent_id: 'c-bob' }),
    issued(4, 'maya-token', {
      scopes: ['issues:read', 'issues:write'],
      family_id: 'fam-maya',
      consent_id: 'c-maya',
    }),
    invoked(5),
    invoked(6, { tool: 'list_issues', outcome: 'denied' }),
    invoked(7, { sub: 'bob' }),
  );
  return ctx;
}

const entriesOf = async (ctx: Ctx) =>
  ctx.db.select().from(revocationEntries).where(eq(revocationEntries.orgId, ctx.org.id));

describe('an end user revoking from their own page', () => {
  it('revokes a whole agent: every consent of mine with it ends, one grant entry, audited as the user', async () => {
    const ctx = await twoPeople(database().db);
    const maya = person(ctx, 'maya');
    const [claude] = await listMyActiveConsents(ctx.db, maya);

    const done = await revokeAgentForMe(ctx.db, maya, claude!.agentId, noContext, at(10));

    expect(done.consents).toHaveLength(2);
    expect(await listMyActiveConsents(ctx.db, maya)).toEqual([]);
    // Bob's consent with the same agent is untouched.
    expect(await listMyActiveConsents(ctx.db, person(ctx, 'bob'))).toHaveLength(1);
    // One grant entry covers them all (no family entry for the family of one of them).
    const entries = await entriesOf(ctx);
    expect(entries).toHaveLength(1);
    expect(done.entries).toEqual([{ seq: entries[0]!.seq, kind: 'grant' }]);
    expect(entries[0]).toMatchObject({
      kind: 'grant',
      issuer: AS_ISSUER,
      clientId: CLAUDE,
      sub: 'maya',
      actor: { type: 'user', id: 'maya' },
    });
    const audit = (await ctx.state.audit()).filter((e) => e.type === 'user.consent.revoked');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      actorType: 'user',
      actorId: 'maya',
      actorLabel: 'Maya Chen',
      ip: '192.0.2.7',
      sub: 'maya',
    });
  });

  it('removes one permission: the consent narrows and the token carrying it is refused', async () => {
    const ctx = await twoPeople(database().db);
    const maya = person(ctx, 'maya');
    const tracker = (await listMyActiveConsents(ctx.db, maya)).find((c) =>
      c.scopes.includes('issues:write'),
    )!;

    const { consent } = await removeMyPermission(
      ctx.db,
      maya,
      { consentId: tracker.id, scope: 'issues:write' },
      noContext,
      at(10),
    );

    expect(consent.scopes).toEqual(['issues:read']);
    expect(consent.state).toBe('active');
    expect(await entriesOf(ctx)).toMatchObject([{ kind: 'family', familyId: 'fam-maya' }]);
    const audit = (await ctx.state.audit()).at(-1)!;
    expect(audit).toMatchObject({ type: 'user.consent.narrowed', actorType: 'user' });
  });

  it('gives nothing for another person’s consent or agent, and changes nothing', async () => {
    const ctx = await twoPeople(database().db);
    const maya = person(ctx, 'maya');
    const [bobs] = await listMyActiveConsents(ctx.db, person(ctx, 'bob'));
    const auditBefore = (await ctx.state.audit()).length;

    await expect(
      removeMyPermission(ctx.db, maya, { consentId: bobs!.id, scope: 'issues:read' }, noContext),
    ).rejects.toMatchObject({ code: 'not_found' });
    // Mallory, with no consent at all, names Claude's agent id.
    await expect(
      revokeAgentForMe(ctx.db, person(ctx, 'mallory'), bobs!.agentId, noContext),
    ).rejects.toMatchObject({ code: 'not_found' });
    // The same person in another org.
    const elsewhere = await setup(database().db);
    await expect(
      revokeAgentForMe(ctx.db, { ...maya, orgId: elsewhere.org.id }, bobs!.agentId, noContext),
    ).rejects.toMatchObject({ code: 'not_found' });

    expect(await listMyActiveConsents(ctx.db, person(ctx, 'bob'))).toHaveLength(1);
    expect(await listMyActiveConsents(ctx.db, maya)).toHaveLength(2);
    expect(await entriesOf(ctx)).toEqual([]);
    expect((await ctx.state.audit()).length).toBe(auditBefore);
  });

  it('lists what each agent did lately for me, not for others', async () => {
    const ctx = await twoPeople(database().db);
    const mine = await listMyActiveConsents(ctx.db, person(ctx, 'maya'));
    const calls = await listRecentCalls(ctx.db, ctx.org.id, mine[0]!.subjectId, [mine[0]!.agentId]);
    expect(calls.map((c) => [c.type, c.tool, c.outcome])).toEqual([
      ['tool.invoked', 'list_issues', 'denied'],
      ['tool.invoked', 'create_issue', 'ok'],
    ]);
    expect(calls[0]!.occurredAt).toBe(timeAt(6).replace(/\.\d+Z$/, 'Z'));
  });
});
