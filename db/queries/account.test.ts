import { describe, expect, it } from 'vitest';
import { cloudEvent, AS_ISSUER, MCP } from '@/lib/testing/events';
import { granted, registered, setup } from '@/lib/testing/builders';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { listMyActiveConsents } from './account';

const database = setupTestDatabase();

describe('listMyActiveConsents', () => {
  it('returns only the caller’s own active consents, with scopes in plain words', async () => {
    const ctx = await setup(database().db);
    await ctx.send(
      registered(1),
      granted(2, ['issues:read', 'issues:write'], { consent_id: 'c-maya' }),
      granted(3, ['issues:read'], { sub: 'bob', consent_id: 'c-bob' }),
    );
    await ctx.send(
      cloudEvent(
        'resource.updated',
        {
          resource: MCP,
          name: 'Tracker',
          scope_descriptions: { 'issues:read': 'Read your issues' },
        },
        4,
      ),
    );
    const mine = await listMyActiveConsents(ctx.db, {
      orgId: ctx.org.id,
      issuer: AS_ISSUER,
      sub: 'maya',
    });
    expect(mine).toHaveLength(1);
    expect(mine[0]!.agentName).toBe('Claude Desktop');
    expect(mine[0]!.permissions).toEqual([
      { scope: 'issues:read', text: 'Read your issues' },
      { scope: 'issues:write', text: 'issues:write' },
    ]);

    // Another org, the same issuer and sub: nothing of the first org leaks.
    const other = await setup(database().db);
    expect(
      await listMyActiveConsents(ctx.db, { orgId: other.org.id, issuer: AS_ISSUER, sub: 'maya' }),
    ).toEqual([]);
    // A revoked consent disappears from the page.
    await ctx.send(
      cloudEvent(
        'consent.revoked',
        { client_id: 'https://claude.example/client.json', sub: 'maya', consent_id: 'c-maya' },
        5,
      ),
    );
    expect(
      await listMyActiveConsents(ctx.db, { orgId: ctx.org.id, issuer: AS_ISSUER, sub: 'maya' }),
    ).toEqual([]);
    expect(
      await listMyActiveConsents(ctx.db, { orgId: ctx.org.id, issuer: AS_ISSUER, sub: 'bob' }),
    ).toHaveLength(1);
  });
});
