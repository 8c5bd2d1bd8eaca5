import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { cloudEvent, MCP } from '@/lib/testing/events';
import { CLAUDE, granted, invoked, issued, setup, type Ctx } from '@/lib/testing/builders';

const database = setupTestDatabase();

const effects: [string, (ctx: Ctx) => Promise<void>][] = [
  [
    'token.issued makes an active token; token.revoked revokes it',
    async ({ send, state }) => {
      await send(
        issued(1, 't1', { family_id: 'f1', parent_ref: 't0', token_type: 'refresh_token' }),
      );
      expect(await state.token('t1')).toMatchObject({
        tokenType: 'refresh_token',
        familyId: 'f1',
        parentRef: 't0',
        revokedAt: null,
      });
      await send(cloudEvent('token.revoked', { token_ref: 't1', reason: 'logout' }, 5));
      expect(await state.token('t1')).toMatchObject({
        revokedBy: 'token',
        revocationReason: 'logout',
      });
    },
  ],
  [
    'a token revoked before its token.issued arrives stays revoked',
    async ({ send, state }) => {
      await send(cloudEvent('token.revoked', { token_ref: 't1' }, 5));
      await send(issued(1, 't1'));
      const token = (await state.token('t1'))!;
      expect(token.issuedAt?.toISOString()).toBe('2026-01-01T00:00:01.000Z');
      expect(token.revokedAt?.toISOString()).toBe('2026-01-01T00:00:05.000Z');
    },
  ],
  [
    'token.reuse_detected revokes the whole family, also tokens arriving later, and flags the agent',
    async ({ send, state }) => {
      await send(issued(1, 'r1', { family_id: 'f', token_type: 'refresh_token' }));
      await send(cloudEvent('token.reuse_detected', { client_id: CLAUDE, family_id: 'f' }, 5));
      await send(issued(3, 'r2', { family_id: 'f', parent_ref: 'r1' }));
      for (const ref of ['r1', 'r2']) {
        expect(await state.token(ref)).toMatchObject({
          revokedBy: 'family',
          revocationReason: 'refresh token reuse detected',
        });
      }
      expect((await state.agent(CLAUDE))!.reuseDetectedAt?.toISOString()).toBe(
        '2026-01-01T00:00:05.000Z',
      );
    },
  ],
  [
    'token.revoked with family_id revokes the family',
    async ({ send, state }) => {
      await send(
        issued(1, 'a', { family_id: 'f' }),
        issued(2, 'b', { family_id: 'f' }),
        issued(2, 'c'),
      );
      await send(cloudEvent('token.revoked', { token_ref: 'a', family_id: 'f' }, 3));
      expect((await state.token('b'))!.revokedBy).toBe('family');
      expect((await state.token('c'))!.revokedAt).toBeNull();
    },
  ],
  [
    'token.rejected counts and flags passthrough on wrong_audience',
    async ({ send, state }) => {
      await send(
        cloudEvent(
          'token.rejected',
          { client_id: CLAUDE, resource: MCP, cause: 'wrong_audience' },
          2,
        ),
        cloudEvent('token.rejected', { client_id: CLAUDE, resource: MCP, cause: 'expired' }, 3),
      );
      expect(await state.agent(CLAUDE)).toMatchObject({ rejectionCount: 2 });
      expect((await state.agent(CLAUDE))!.passthroughDetectedAt?.toISOString()).toBe(
        '2026-01-01T00:00:02.000Z',
      );
      expect((await state.audit()).map((a) => a.outcome)).toEqual(['rejected', 'rejected']);
    },
  ],
  [
    'tool.invoked counts usage per scope and moves last-used times',
    async ({ send, state }) => {
      await send(granted(1, ['issues:read', 'issues:write']), issued(2, 't1'));
      await send(
        invoked(5, { scopes: ['issues:read', 'issues:write'], token_ref: 't1' }),
        invoked(7, { outcome: 'error', scopes: ['issues:read'] }),
        invoked(6, { tool: 'search' }),
      );
      const usage = (await state.toolUsage()).map((u) => [
        u.tool,
        u.scope,
        u.okCount,
        u.errorCount,
        u.lastUsedAt?.getTime(),
      ]);
      const t = (s: number) => Date.UTC(2026, 0, 1) + s * 1000;
      expect(usage.sort()).toEqual([
        ['create_issue', 'issues:read', 1, 1, t(7)],
        ['create_issue', 'issues:write', 1, 0, t(5)],
        ['search', '', 1, 0, t(6)],
      ]);
      expect((await state.agent(CLAUDE))!.lastUsedAt?.getTime()).toBe(t(7));
      expect((await state.token('t1'))!.lastUsedAt?.getTime()).toBe(t(5));
      expect((await state.consents())[0]!.lastUsedAt?.getTime()).toBe(t(7));
      expect((await state.audit()).at(-1)!.summary).toBe(
        `maya used tool create_issue on ${MCP} (error)`,
      );
    },
  ],
  [
    'tool.denied counts a denial',
    async ({ send, state }) => {
      await send(
        cloudEvent(
          'tool.denied',
          { client_id: CLAUDE, resource: MCP, tool: 'delete_repo', required_scopes: ['admin'] },
          1,
        ),
      );
      expect(await state.agent(CLAUDE)).toMatchObject({ denialCount: 1 });
      expect(await state.toolUsage()).toMatchObject([
        { tool: 'delete_repo', scope: '', deniedCount: 1, okCount: 0 },
      ]);
    },
  ],
  [
    'resource.updated keeps the newest catalog of the MCP server',
    async ({ send, state }) => {
      const catalog = (at: number, name: string, tools: string[]) =>
        cloudEvent(
          'resource.updated',
          {
            resource: MCP,
            name,
            scopes_supported: ['a', 'b'],
            scope_descriptions: { a: 'Read your issues' },
            tools: tools.map((t) => ({ name: t, required_scopes: ['a'] })),
          },
          at,
        );
      await send(catalog(10, 'Acme Issues', ['create_issue', 'search']));
      await send(catalog(5, 'Old', ['legacy']));
      expect(await state.servers()).toMatchObject([
        { name: 'Acme Issues', scopesSupported: ['a', 'b'] },
      ]);
      expect((await state.tools()).map((t) => t.name).sort()).toEqual(['create_issue', 'search']);
      expect((await state.scopeCatalog()).map((s) => [s.scope, s.description]).sort()).toEqual([
        ['a', 'Read your issues'],
        ['b', null],
      ]);
    },
  ],
  [
    'an unknown type is kept, not understood, and changes nothing',
    async ({ send, state }) => {
      expect(
        await send(cloudEvent('com.example.audit', { client_id: CLAUDE, sub: 'maya' }, 1)),
      ).toEqual({ accepted: 1, duplicates: 0 });
      expect(await state.agents()).toEqual([]);
      expect(await state.subjects()).toEqual([]);
      expect(await state.audit()).toMatchObject([
        { type: 'com.example.audit', understood: false, data: { data: { client_id: CLAUDE } } },
      ]);
    },
  ],
];

describe('ingestEvents: effect of token, tool and resource events', () => {
  it.each(effects)('%s', async (_name, check) => check(await setup(database().db)));
});
