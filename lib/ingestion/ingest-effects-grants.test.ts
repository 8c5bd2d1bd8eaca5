import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { AS_ISSUER, cloudEvent } from '@/lib/testing/events';
import { CLAUDE, granted, issued, registered, setup, type Ctx } from '@/lib/testing/builders';

const database = setupTestDatabase();

const effects: [string, (ctx: Ctx) => Promise<void>][] = [
  [
    'client.registered creates a pending agent with its metadata',
    async ({ send, state }) => {
      await send(
        registered(1, { software_id: 'claude-desktop', jwks_uri: 'https://claude.example/jwks' }),
      );
      const agent = await state.agent(CLAUDE);
      expect(agent).toMatchObject({
        issuer: AS_ISSUER,
        verificationStatus: 'pending',
        registrationMethod: 'cimd',
        clientName: 'Claude Desktop',
        clientType: 'public',
        familyKey: CLAUDE,
        redirectUris: ['http://127.0.0.1:33418/callback'],
        metadata: expect.objectContaining({ jwks_uri: 'https://claude.example/jwks' }),
      });
      expect((await state.audit())[0]).toMatchObject({
        summary: 'Claude Desktop registered by CIMD',
        agentId: agent!.id,
        clientId: CLAUDE,
        understood: true,
      });
    },
  ],
  [
    'client.updated changes the named fields and keeps the change in history',
    async ({ send, state }) => {
      await send(
        registered(1),
        cloudEvent(
          'client.updated',
          {
            client_id: CLAUDE,
            client_name: 'Claude',
            token_endpoint_auth_method: 'private_key_jwt',
          },
          2,
        ),
      );
      const agent = (await state.agent(CLAUDE))!;
      expect(agent).toMatchObject({ clientName: 'Claude', clientType: 'confidential' });
      const history = await state.metadataHistory(agent.id);
      expect(history.map((h) => [h.kind, Object.keys(h.changes as object).sort()])).toEqual([
        [
          'registered',
          ['client_name', 'grant_types', 'redirect_uris', 'token_endpoint_auth_method'],
        ],
        ['updated', ['client_name', 'token_endpoint_auth_method']],
      ]);
      expect((history[1]!.changes as Record<string, unknown>).client_name).toEqual({
        from: 'Claude Desktop',
        to: 'Claude',
      });
    },
  ],
  [
    'an older client.updated does not override a newer registration',
    async ({ send, state }) => {
      await send(registered(5));
      await send(cloudEvent('client.updated', { client_id: CLAUDE, client_name: 'Old name' }, 3));
      expect((await state.agent(CLAUDE))!.clientName).toBe('Claude Desktop');
    },
  ],
  [
    'client.deleted marks the agent deleted and ends its consents and tokens, also those arriving later',
    async ({ send, state }) => {
      await send(registered(1), granted(2, ['issues:read']), issued(3, 't-before'));
      await send(cloudEvent('client.deleted', { client_id: CLAUDE }, 10));
      await send(
        issued(4, 't-late'),
        issued(11, 't-after'),
        granted(5, ['issues:write'], { resource: 'https://other.example' }),
      );
      const agent = (await state.agent(CLAUDE))!;
      expect(agent.deletedAt?.toISOString()).toBe('2026-01-01T00:00:10.000Z');
      for (const ref of ['t-before', 't-late']) {
        expect(await state.token(ref)).toMatchObject({
          revokedBy: 'agent',
          revocationReason: 'agent deleted',
        });
      }
      expect((await state.token('t-after'))!.revokedAt).toBeNull();
      expect((await state.consents()).map((c) => c.status)).toEqual(['revoked', 'revoked']);
    },
  ],
  [
    'a registration newer than the deletion brings the agent back',
    async ({ send, state }) => {
      await send(cloudEvent('client.deleted', { client_id: CLAUDE }, 10), registered(1));
      expect((await state.agent(CLAUDE))!.deletedAt).not.toBeNull();
      await send(registered(20));
      expect((await state.agent(CLAUDE))!.deletedAt).toBeNull();
    },
  ],
  [
    'consent.granted creates, widens; consent.revoked narrows, then ends the consent and its tokens',
    async ({ send, state }) => {
      await send(granted(1, ['issues:read']), issued(2, 't1'));
      await send(
        granted(3, ['issues:write']),
        cloudEvent(
          'consent.revoked',
          { client_id: CLAUDE, sub: 'maya', scopes: ['issues:read'] },
          4,
        ),
      );
      let [consent] = await state.consents();
      expect(consent).toMatchObject({ status: 'active', scopes: ['issues:write'] });
      expect((await state.token('t1'))!.revokedAt).toBeNull();
      await send(cloudEvent('consent.revoked', { client_id: CLAUDE, sub: 'maya' }, 6));
      [consent] = await state.consents();
      expect(consent).toMatchObject({ status: 'revoked', scopes: [] });
      expect(consent!.revokedAt?.toISOString()).toBe('2026-01-01T00:00:06.000Z');
      expect(
        (await state.consentHistory(consent!.id)).map((h) => [h.change, h.added, h.removed]),
      ).toEqual([
        ['granted', ['issues:read'], []],
        ['widened', ['issues:write'], []],
        ['narrowed', [], ['issues:read']],
        ['revoked', [], ['issues:write']],
      ]);
      expect(await state.token('t1')).toMatchObject({
        revokedBy: 'consent',
        consentId: consent!.id,
      });
    },
  ],
  [
    'authorization.denied counts on the agent',
    async ({ send, state }) => {
      await send(
        cloudEvent(
          'authorization.denied',
          { client_id: CLAUDE, error: 'access_denied', sub: 'maya' },
          1,
        ),
      );
      expect((await state.agent(CLAUDE))!.denialCount).toBe(1);
      expect((await state.audit())[0]).toMatchObject({
        outcome: 'denied',
        reason: 'access_denied',
      });
    },
  ],
];

describe('ingestEvents: effect of client, consent and denial events', () => {
  it.each(effects)('%s', async (_name, check) => check(await setup(database().db)));
});
