import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { getSource } from '@/db/queries/sources';
import { createSource } from '@/lib/sources/manage-sources';
import { presentSource } from '@/lib/sources/present';
import type { CreateSourceInput } from '@/lib/sources/source-input';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { signed } from '@/lib/testing/signed-request';
import { handleIngestionRequest } from './transport';

const database = setupTestDatabase();
const ISSUER = 'https://auth.example.test';
const NOTES = 'https://notes-mcp.example.test';
const DOCS = 'https://docs-mcp.example.test';

/** An org with an authorization server, an MCP server and a gateway for two resources. */
async function setup() {
  const db = database().db;
  const org = await createTestOrg(db);
  const actor = { id: randomUUID(), orgId: org.id, email: 'admin@example.test' };
  const make = async (input: Omit<CreateSourceInput, 'revocation_webhook_url'>) => {
    const { source, signingSecret } = await createSource(db, actor, input);
    const post = async (...events: unknown[]) => {
      const body = JSON.stringify(events);
      const request = signed(source.id, signingSecret, body, {
        contentType: 'application/cloudevents-batch+json',
      });
      return handleIngestionRequest(db, source.id, request);
    };
    return { id: source.id, post };
  };
  return {
    db,
    org,
    as: await make({ name: 'AS', kind: 'authorization_server', issuer: ISSUER }),
    mcp: await make({ name: 'Notes', kind: 'mcp_server', resource: NOTES }),
    gateway: await make({ name: 'Edge', kind: 'gateway', resources: [NOTES, DOCS] }),
  };
}

const event = (type: string, data: Record<string, unknown>, time = new Date()) => ({
  specversion: '1.0',
  id: `evt-${randomUUID()}`,
  source: 'https://producer.example.test',
  type,
  time: time.toISOString(),
  data,
});
const forged = [
  event('token.revoked', { token_ref: 'victim-token' }),
  event('client.registered', {
    client_id: 'rogue-agent',
    issuer: ISSUER,
    method: 'preregistered',
    client_name: 'Trusted helper',
    redirect_uris: ['https://rogue.example.test/cb'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'none',
  }),
  event('consent.granted', { client_id: 'rogue-agent', sub: 'maya', scopes: ['admin:all'] }),
];
const call = (resource: string) =>
  event('tool.invoked', { client_id: 'agent-1', resource, tool: 'search', outcome: 'ok' });

const TABLES = [
  'agents',
  'consents',
  'tokens',
  'subjects',
  'tool_usage',
  'audit_events',
  'ingested_events',
  'revocation_entries',
] as const;

/** Rows each ingestion-written table holds for the org (audit rows: only those of sources). */
async function counts(orgId: string) {
  const db = database().db;
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const extra = table === 'audit_events' ? sql` and source_id is not null` : sql``;
    const result = await db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${orgId}${extra}`,
    );
    out[table] = rowsOf<{ n: number }>(result)[0]!.n;
  }
  return out;
}
const nothing = Object.fromEntries(TABLES.map((t) => [t, 0]));

async function errorsOf(response: Response) {
  expect(response.status).toBe(422);
  return ((await response.json()) as { errors: unknown[] }).errors;
}

describe('ingestion: a source speaks only for itself', () => {
  it("refuses an MCP server's forged revocation, registration and consent, writing nothing", async () => {
    const { org, mcp, gateway } = await setup();
    for (const source of [mcp, gateway]) {
      const errors = await errorsOf(await source.post(call(NOTES), ...forged));
      expect(errors).toEqual(
        [1, 2, 3].map((index) => ({
          index,
          path: '/type',
          message: expect.stringMatching(/comes only from an authorization server/),
        })),
      );
    }
    expect(await counts(org.id)).toEqual(nothing);
  });

  it('refuses tool calls from an authorization server, and another issuer in its events', async () => {
    const { org, as } = await setup();
    expect(await errorsOf(await as.post(call(NOTES)))).toEqual([
      { index: 0, path: '/type', message: expect.stringMatching(/comes only from an MCP server/) },
    ]);
    const elsewhere = event('client.deleted', {
      client_id: 'their-agent',
      issuer: 'https://other-as.example.test',
    });
    const own = event('client.deleted', { client_id: 'my-agent' });
    expect(await errorsOf(await as.post(own, elsewhere))).toEqual([
      { index: 1, path: '/data/issuer', message: expect.stringMatching(/speaks only for itself/) },
    ]);
    expect(await counts(org.id)).toEqual(nothing);
    expect((await as.post(own)).status).toBe(202);
  });

  it("accepts a gateway's events for both its resources and refuses a third; an MCP server only its own", async () => {
    const { db, org, mcp, gateway } = await setup();
    expect(presentSource((await getSource(db, org.id, gateway.id))!)).toMatchObject({
      resource: NOTES,
      resources: [NOTES, DOCS],
    });
    const third = await gateway.post(call(NOTES), call('https://third.example.test'));
    expect(await errorsOf(third)).toEqual([
      { index: 1, path: '/data/resource', message: expect.stringContaining(DOCS) },
    ]);
    expect(await errorsOf(await mcp.post(call(DOCS)))).toHaveLength(1);
    expect(await counts(org.id)).toEqual(nothing);
    const accepted = await gateway.post(call(NOTES), call(DOCS));
    expect(await accepted.json()).toEqual({ accepted: 2, duplicates: 0 });
  });

  it('refuses an event time more than 5 minutes ahead, so it cannot outrank later events', async () => {
    const { org, as } = await setup();
    const deleted = (time: Date | string) =>
      event('client.deleted', { client_id: 'agent-1' }, new Date(time));
    const ahead = await as.post(deleted(new Date(Date.now() + 6 * 60_000)));
    expect(await errorsOf(ahead)).toEqual([
      { index: 0, path: '/time', message: expect.stringMatching(/5 minutes ahead/) },
    ]);
    expect(await errorsOf(await as.post(deleted('9999-12-31T00:00:00Z')))).toHaveLength(1);
    expect(await counts(org.id)).toEqual(nothing);
    expect((await as.post(deleted(new Date(Date.now() + 4 * 60_000)))).status).toBe(202);
  });
});
