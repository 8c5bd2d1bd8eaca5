import type { Db } from '@/db/client';
import { AS_ISSUER, cloudEvent, MCP, timeAt } from '@/lib/testing/events';
import { setup } from '@/lib/testing/builders';

/** Seconds after 2026-01-01 (timeAt's origin); `NOW` is 60 days in, so day ≤ 30 is idle. */
export const DAY = 86_400;
export const NOW = new Date(timeAt(60 * DAY));
export const AS2 = 'https://as2.example';

export const ids = {
  orbit: ['dcr-orbit-1', 'dcr-orbit-2', 'dcr-orbit-3'],
  lumen: 'https://lumen.example/client.json',
  notes: ['dcr-notes-a', 'dcr-notes-b'],
  ledger: 'ledger-50%_off',
  stray: 'dcr-stray',
  other: 'dcr-other-issuer',
} as const;

const native = {
  grant_types: ['authorization_code', 'refresh_token'],
  token_endpoint_auth_method: 'none',
};

/**
 * One org's agents made through the real ingestion path:
 * - Orbit Desktop: three DCR registrations sharing a software_id (one deleted, one idle);
 * - Lumen (CIMD) with consents, tokens and tool calls, one of its granted scopes never used;
 * - Notes Bot: two DCR registrations grouped by name and redirect host;
 * - a confidential pre-registered client whose name has LIKE wildcards in it;
 * - an agent known only from a tool call (no registration: method manual, client type unknown);
 * - an agent of a second issuer.
 */
export async function seedAgents(db: Db) {
  const ctx = await setup(db);
  const reg = (at: number, data: Record<string, unknown>) =>
    cloudEvent('client.registered', { ...native, ...data }, at);
  const orbit = (i: number, day: number) =>
    reg(day * DAY, {
      client_id: ids.orbit[i],
      method: 'dcr',
      client_name: 'Orbit Desktop',
      software_id: 'com.orbit.desktop',
      redirect_uris: [`http://127.0.0.1:${5000 + i}/callback`],
    });
  await ctx.send(
    orbit(0, 1),
    orbit(1, 10),
    orbit(2, 40),
    cloudEvent('client.deleted', { client_id: ids.orbit[0] }, 12 * DAY),
    reg(2 * DAY, {
      client_id: ids.lumen,
      method: 'cimd',
      client_name: 'Lumen Assistant',
      client_uri: 'https://lumen.example',
      redirect_uris: ['https://app.lumen.example/cb', 'http://127.0.0.1/cb'],
      contacts: ['security@lumen.example'],
    }),
    reg(3 * DAY, {
      client_id: ids.notes[0],
      method: 'dcr',
      client_name: 'Notes Bot',
      redirect_uris: ['https://notes.example/cb'],
    }),
    reg(45 * DAY, {
      client_id: ids.notes[1],
      method: 'dcr',
      client_name: 'Notes Bot',
      redirect_uris: ['https://notes.example/cb'],
    }),
    reg(4 * DAY, {
      client_id: ids.ledger,
      method: 'preregistered',
      client_name: 'Ledger 50%_off',
      redirect_uris: ['https://ledger.example/cb'],
      token_endpoint_auth_method: 'client_secret_basic',
    }),
    reg(5 * DAY, {
      client_id: ids.other,
      issuer: AS2,
      method: 'dcr',
      client_name: 'Elsewhere Agent',
      redirect_uris: ['https://elsewhere.example/cb'],
    }),
    cloudEvent(
      'consent.granted',
      {
        client_id: ids.lumen,
        sub: 'maya',
        scopes: ['issues:read', 'issues:write'],
        resource: MCP,
      },
      50 * DAY,
    ),
    cloudEvent(
      'consent.granted',
      { client_id: ids.orbit[2], sub: 'daniel', scopes: ['issues:read'], resource: MCP },
      50 * DAY,
    ),
    cloudEvent(
      'token.issued',
      {
        token_ref: 'lumen-a1',
        token_type: 'access_token',
        grant_type: 'authorization_code',
        client_id: ids.lumen,
        sub: 'maya',
        scopes: ['issues:read'],
        expires_at: '2027-01-01T00:00:00Z',
        resource: MCP,
      },
      51 * DAY,
    ),
    cloudEvent(
      'token.issued',
      {
        token_ref: 'lumen-a0',
        token_type: 'access_token',
        grant_type: 'authorization_code',
        client_id: ids.lumen,
        sub: 'maya',
        scopes: ['issues:read'],
        expires_at: timeAt(50 * DAY + 3600),
        resource: MCP,
      },
      50 * DAY,
    ),
  );
  // The org has two authorization servers, so its MCP server names the issuer of each token.
  await ctx.send(
    cloudEvent(
      'tool.invoked',
      {
        issuer: AS_ISSUER,
        client_id: ids.lumen,
        sub: 'maya',
        resource: MCP,
        tool: 'search',
        outcome: 'ok',
        scopes: ['issues:read'],
        token_ref: 'lumen-a1',
      },
      52 * DAY,
    ),
    cloudEvent(
      'tool.invoked',
      { issuer: AS_ISSUER, client_id: ids.stray, resource: MCP, tool: 'search', outcome: 'ok' },
      53 * DAY,
    ),
  );
  const agent = async (clientId: string) => (await ctx.state.agent(clientId))!;
  return { ...ctx, agent };
}
