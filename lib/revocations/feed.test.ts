import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { insertRevocationEntry } from '@/db/queries/revocations';
import { outboxDeliveries } from '@/db/schema';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { createSource } from '@/lib/sources/manage-sources';
import { createTestActor, createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import * as feed from '@/app/api/v1/revocations/route';

const database = setupTestDatabase();
const credentials = { admin: '', auditor: '', sourceKey: '', otherOrgKey: '' };
let orgId = '';
let webhookSourceId = '';

const call = (query: string, token: string | null) =>
  feed.GET(
    new Request(`http://hub.test/api/v1/revocations${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
    { params: Promise.resolve({}) },
  );

beforeAll(async () => {
  setDatabase(database());
  const db = database().db;
  const [org, other] = [await createTestOrg(db), await createTestOrg(db)];
  orgId = org.id;
  const actors = new Map([
    [org.id, await createTestActor(db, org.id)],
    [other.id, await createTestActor(db, other.id)],
  ]);
  const actor = (id: string) => actors.get(id)!;
  credentials.admin = (
    await createApiToken(db, actor(org.id), { name: 'a', role: 'admin', expiresInDays: null })
  ).token;
  credentials.auditor = (
    await createApiToken(db, actor(org.id), { name: 'b', role: 'auditor', expiresInDays: null })
  ).token;
  const mcp = await createSource(db, actor(org.id), {
    name: 'Files MCP',
    kind: 'mcp_server',
    resource: 'https://files.feed.test/mcp',
    revocation_webhook_url: 'https://files.feed.test/hooks/revocations',
  });
  credentials.sourceKey = mcp.apiKey;
  webhookSourceId = mcp.source.id;
  credentials.otherOrgKey = (
    await createSource(db, actor(other.id), {
      name: 'Elsewhere',
      kind: 'authorization_server',
      issuer: 'https://as.elsewhere.test',
    })
  ).apiKey;
  const base = { revokedAt: new Date('2026-11-20T10:00:00Z'), actor: { type: 'admin', id: 'u1' } };
  await db.transaction(async (tx) => {
    await insertRevocationEntry(tx, org.id, { ...base, kind: 'token', tokenRef: 'tok-1' });
    await insertRevocationEntry(tx, org.id, { ...base, kind: 'family', familyId: 'fam-1' });
    await insertRevocationEntry(tx, org.id, {
      ...base,
      kind: 'agent',
      issuer: 'https://as.feed.test',
      clientId: 'agent-1',
      notBefore: new Date('2026-11-20T11:00:00Z'),
      reason: 'reinstated',
    });
  });
  await insertRevocationEntry(db, other.id, { ...base, kind: 'token', tokenRef: 'other-org' });
});

describe('GET /api/v1/revocations', () => {
  it('answers the org’s entries in seq order with the fields of each kind', async () => {
    const response = await call('', credentials.sourceKey);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: Record<string, unknown>[]; next: string };
    expect(body.items.map((e) => [e.seq, e.kind])).toEqual([
      ['1', 'token'],
      ['2', 'family'],
      ['3', 'agent'],
    ]);
    expect(body.items[0]).toEqual({
      seq: '1',
      kind: 'token',
      token_ref: 'tok-1',
      revoked_at: '2026-11-20T10:00:00.000Z',
      reason: null,
      actor: { type: 'admin', id: 'u1' },
    });
    expect(body.items[2]).toMatchObject({
      issuer: 'https://as.feed.test',
      client_id: 'agent-1',
      not_before: '2026-11-20T11:00:00.000Z',
    });
    expect(body.next).toBe('3');
  });

  it('pages with after and limit; an empty page keeps next where it was', async () => {
    const page = (await (await call('?after=1&limit=1', credentials.admin)).json()) as {
      items: { seq: string }[];
      next: string;
    };
    expect(page.items.map((e) => e.seq)).toEqual(['2']);
    expect(page.next).toBe('2');
    const end = (await (await call('?after=3', credentials.auditor)).json()) as {
      items: unknown[];
      next: string;
    };
    expect(end).toEqual({ items: [], next: '3' });
  });

  it('never shows another org’s entries', async () => {
    const body = (await (await call('', credentials.otherOrgKey)).json()) as {
      items: { token_ref?: string }[];
    };
    expect(body.items.map((e) => e.token_ref)).toEqual(['other-org']);
  });

  it('refuses bad parameters with 422 and missing or wrong credentials with 401', async () => {
    for (const query of [
      '?after=-1',
      '?after=abc',
      '?after=9999999999999999999',
      '?limit=0',
      '?limit=1001',
      '?limit=2.5',
    ]) {
      const response = await call(query, credentials.admin);
      expect(response.status, query).toBe(422);
      const problem = (await response.json()) as { errors: { path: string }[] };
      expect(problem.errors[0]?.path).toMatch(/^\/(after|limit)$/);
    }
    expect((await call('', null)).status).toBe(401);
    expect((await call('', 'hubsrc_not-a-key')).status).toBe(401);
  });

  it('queues each entry for the sources with a revocation webhook', async () => {
    const rows = await database().db.select().from(outboxDeliveries);
    const mine = rows.filter((r) => r.orgId === orgId);
    expect(mine).toHaveLength(3);
    expect(new Set(mine.map((r) => r.sourceId))).toEqual(new Set([webhookSourceId]));
  });
});
