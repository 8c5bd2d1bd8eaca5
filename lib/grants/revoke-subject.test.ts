import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { revocationEntries } from '@/db/schema';
import { granted, issued, registered, setup } from '@/lib/testing/builders';
import { AS_ISSUER, timeAt } from '@/lib/testing/events';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { revokeSubject } from './revoke-subject';

const database = setupTestDatabase();
const at = (seconds: number) => new Date(timeAt(seconds));

describe('revokeSubject', () => {
  it('revokes every consent of one end user and makes one subject entry; others keep theirs', async () => {
    const ctx = await setup(database().db);
    await ctx.send(
      registered(1),
      granted(2, ['issues:read'], { consent_id: 'c-1' }),
      granted(2, ['files:read'], { consent_id: 'c-2', resource: 'https://mcp.drive.example' }),
      granted(2, ['issues:read'], { consent_id: 'c-bob', sub: 'bob' }),
      issued(3, 'maya-token', { consent_id: 'c-1', family_id: 'fam-1' }),
    );
    const admin = { id: randomUUID(), orgId: ctx.org.id, email: 'admin@e2e.test' };

    const result = await revokeSubject(
      ctx.db,
      admin,
      { issuer: AS_ISSUER, sub: 'maya', reason: 'left the company' },
      at(10),
    );

    expect(result.consentsRevoked).toBe(2);
    const consents = await ctx.state.consents();
    expect(Object.fromEntries(consents.map((c) => [c.externalId ?? c.id, c.status]))).toEqual({
      'c-1': 'revoked',
      'c-2': 'revoked',
      'c-bob': 'active',
    });
    const tokens = await ctx.state.tokens();
    expect(tokens.find((t) => t.tokenRef === 'maya-token')!.revokedAt).toEqual(at(10));
    const entries = await ctx.db
      .select()
      .from(revocationEntries)
      .where(eq(revocationEntries.orgId, ctx.org.id));
    expect(entries).toMatchObject([
      { kind: 'subject', issuer: AS_ISSUER, sub: 'maya', reason: 'left the company' },
    ]);
    expect((await ctx.state.audit()).at(-1)).toMatchObject({
      type: 'admin.subject.revoked',
      actorType: 'admin',
      sub: 'maya',
      reason: 'left the company',
    });
  });

  it('refuses an end user the org does not know, and writes nothing', async () => {
    const ctx = await setup(database().db);
    await ctx.send(registered(1), granted(2, ['issues:read']));
    const before = (await ctx.state.audit()).length;
    await expect(
      revokeSubject(
        ctx.db,
        { id: randomUUID(), orgId: ctx.org.id, email: 'admin@e2e.test' },
        { issuer: AS_ISSUER, sub: 'nobody', reason: 'typo' },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await ctx.state.audit()).length).toBe(before);
    expect(
      await ctx.db.select().from(revocationEntries).where(eq(revocationEntries.orgId, ctx.org.id)),
    ).toEqual([]);
  });
});
