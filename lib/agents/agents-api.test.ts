import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import {
  agents,
  agentVerifications,
  auditEvents,
  orgCounters,
  revocationEntries,
} from '@/db/schema';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import * as list from '@/app/api/v1/agents/route';
import * as one from '@/app/api/v1/agents/[agentId]/route';
import * as verification from '@/app/api/v1/agents/[agentId]/verification/route';
import { ids, seedAgents } from './test-support';

const database = setupTestDatabase();
let seeded: Awaited<ReturnType<typeof seedAgents>>;
let other: Awaited<ReturnType<typeof seedAgents>>;
const tokens = { admin: '', auditor: '', adminId: '' };

beforeAll(async () => {
  setDatabase(database());
  const db = database().db;
  seeded = await seedAgents(db);
  other = await seedAgents(db);
  const actor = { id: randomUUID(), orgId: seeded.org.id, email: 'setup@example.test' };
  const admin = await createApiToken(db, actor, {
    name: 'ops',
    role: 'admin',
    expiresInDays: null,
  });
  tokens.admin = admin.token;
  tokens.adminId = admin.row.id;
  tokens.auditor = (
    await createApiToken(db, actor, { name: 'audit', role: 'auditor', expiresInDays: null })
  ).token;
});

function call(
  token: string | null,
  path = '/api/v1/agents',
  init: { body?: unknown; contentType?: string } = {},
) {
  return new Request(`http://hub.test${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined
        ? { 'content-type': init.contentType ?? 'application/json' }
        : {}),
    },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
}
const none = { params: Promise.resolve({}) };
const withId = (agentId: string) => ({ params: Promise.resolve({ agentId }) });
const post = (token: string | null, agentId: string, body: unknown, contentType?: string) =>
  verification.POST(
    call(token, `/api/v1/agents/${agentId}/verification`, { body, contentType }),
    withId(agentId),
  );

/** What a status change writes, to show a refusal wrote none of it. */
async function written(agentId: string) {
  const db = database().db;
  const [agent] = await db.select().from(agents).where(eq(agents.id, agentId));
  const orgId = agent!.orgId;
  return {
    status: agent!.verificationStatus,
    notBefore: agent!.notBefore,
    verifications: (
      await db.select().from(agentVerifications).where(eq(agentVerifications.agentId, agentId))
    ).length,
    entries: (await db.select().from(revocationEntries).where(eq(revocationEntries.orgId, orgId)))
      .length,
    audit: (
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.orgId, orgId), like(auditEvents.type, 'agent.%')))
    ).length,
  };
}

describe('GET /api/v1/agents', () => {
  it('lists the org’s agents in snake_case, newest first, keyset-paged', async () => {
    const first = await list.GET(call(tokens.auditor, '/api/v1/agents?limit=4'), none);
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { items: Record<string, unknown>[]; next_cursor: string };
    expect(page1.items).toHaveLength(4);
    expect(page1.items[0]).toMatchObject({
      id: expect.any(String),
      issuer: expect.any(String),
      // the newest: known from a tool call only, never registered
      client_id: ids.stray,
      verification_status: 'pending',
      registration_method: 'manual',
      redirect_uris: [],
      registered_at: null,
      deleted_at: null,
    });
    const seen = page1.items.map((a) => a.id);
    let cursor: string | null = page1.next_cursor;
    while (cursor) {
      const res = await list.GET(
        call(tokens.auditor, `/api/v1/agents?limit=4&cursor=${cursor}`),
        none,
      );
      const body = (await res.json()) as { items: { id: string }[]; next_cursor: string | null };
      seen.push(...body.items.map((a) => a.id));
      cursor = body.next_cursor;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const otherIds = (await other.state.agents()).map((a) => a.id);
    expect(seen.some((id) => otherIds.includes(id as string))).toBe(false);
  });

  it('filters on issuer, client_id, status and q', async () => {
    const get = async (query: string) =>
      (
        (await (await list.GET(call(tokens.admin, `/api/v1/agents?${query}`), none)).json()) as {
          items: { client_id: string }[];
        }
      ).items.map((a) => a.client_id);
    expect(await get(`client_id=${encodeURIComponent(ids.lumen)}`)).toEqual([ids.lumen]);
    expect(await get('issuer=https%3A%2F%2Fas2.example')).toEqual([ids.other]);
    expect(await get('status=verified')).toEqual([]);
    expect((await get('q=orbit')).sort()).toEqual([...ids.orbit].sort());
  });

  it('answers 422 for bad parameters and 401 without credentials', async () => {
    for (const query of [
      'status=trusted',
      'limit=0',
      'limit=abc',
      'limit=501',
      'cursor=nope',
      `cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
    ]) {
      const res = await list.GET(call(tokens.admin, `/api/v1/agents?${query}`), none);
      expect(res.status, query).toBe(422);
      expect(((await res.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    }
    expect((await list.GET(call(null), none)).status).toBe(401);
  });
});

describe('GET /api/v1/agents/{id}', () => {
  it('answers the agent with consents, token counts, scope usage and history', async () => {
    const lumen = await seeded.agent(ids.lumen);
    const res = await one.GET(call(tokens.auditor), withId(lumen.id));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: lumen.id,
      client_id: ids.lumen,
      registration_method: 'cimd',
      consents: { total: 1, items: [{ sub: 'maya', status: 'active' }] },
      verification_history: [],
    });
    const counts = body.token_counts as { active: number; expired: number; revoked: number };
    expect(counts.active + counts.expired + counts.revoked).toBe(2);
    expect(body.scope_usage).toEqual([
      expect.objectContaining({ scope: 'issues:read', granted: true, calls: 1, unused: false }),
      expect.objectContaining({ scope: 'issues:write', granted: true, calls: 0, unused: true }),
    ]);
    expect(body.checks).toContainEqual(
      expect.objectContaining({ kind: 'cimd_https', result: 'pass' }),
    );
  });

  it('answers 404 for an unknown, foreign or malformed id and 401 without credentials', async () => {
    const foreign = await other.agent(ids.lumen);
    for (const id of [randomUUID(), foreign.id, 'not-a-uuid', "1' or '1'='1"]) {
      expect((await one.GET(call(tokens.admin), withId(id))).status, id).toBe(404);
    }
    expect((await one.GET(call(null), withId(foreign.id))).status).toBe(401);
  });
});

describe('POST /api/v1/agents/{id}/verification', () => {
  it('suspends in one transaction: status, history with evidence, revocation entry and audit', async () => {
    const agent = await seeded.agent(ids.notes[1]);
    const res = await post(tokens.admin, agent.id, {
      status: 'suspended',
      reason: 'phishing report',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: agent.id,
      verification_status: 'suspended',
      previous_status: 'pending',
    });
    expect(body.revocation_seq).toMatch(/^\d+$/);

    const db = database().db;
    const [entry] = await db
      .select()
      .from(revocationEntries)
      .where(eq(revocationEntries.orgId, seeded.org.id));
    expect(entry).toMatchObject({
      kind: 'agent',
      issuer: agent.issuer,
      clientId: ids.notes[1],
      reason: 'phishing report',
      notBefore: null,
      actor: { type: 'admin', id: tokens.adminId },
    });
    expect(entry!.seq.toString()).toBe(body.revocation_seq);
    const [history] = await db
      .select()
      .from(agentVerifications)
      .where(eq(agentVerifications.agentId, agent.id));
    expect(history).toMatchObject({
      fromStatus: 'pending',
      toStatus: 'suspended',
      reason: 'phishing report',
      actorType: 'admin',
      actorId: tokens.adminId,
    });
    expect(history!.evidence).toContainEqual(
      expect.objectContaining({ kind: 'registration_method', result: 'warn' }),
    );
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.agentId, agent.id), eq(auditEvents.type, 'agent.suspended')));
    expect(audit).toMatchObject({
      actorType: 'admin',
      actorId: tokens.adminId,
      actorLabel: 'API token ops',
      reason: 'phishing report',
      clientId: ids.notes[1],
      data: {
        before: { verification_status: 'pending' },
        after: { verification_status: 'suspended' },
        revocation_seq: body.revocation_seq,
      },
    });
    // Its own timeline shows it.
    expect(audit!.recordedAt.getTime()).toBeLessThanOrEqual(Date.now());

    // The same status again is refused and writes nothing.
    const before = await written(agent.id);
    const again = await post(tokens.admin, agent.id, { status: 'suspended', reason: 'again' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/already suspended/);
    expect(await written(agent.id)).toEqual(before);
  });

  it('reinstates with a not_before, blocks, and verifies without a revocation', async () => {
    const agent = await seeded.agent(ids.orbit[2]);
    await post(tokens.admin, agent.id, { status: 'blocked', reason: 'stolen laptop' });
    const started = Date.now();
    const res = await post(tokens.admin, agent.id, {
      status: 'verified',
      reason: 'laptop recovered',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body.verification_status).toBe('verified');
    expect(Date.parse(body.not_before!)).toBeGreaterThanOrEqual(started - 1000);
    const db = database().db;
    const entries = await db
      .select()
      .from(revocationEntries)
      .where(
        and(
          eq(revocationEntries.orgId, seeded.org.id),
          eq(revocationEntries.clientId, ids.orbit[2]),
        ),
      );
    expect(entries.map((e) => [e.reason, e.notBefore?.toISOString() ?? null])).toEqual(
      expect.arrayContaining([
        ['stolen laptop', null],
        ['laptop recovered', body.not_before],
      ]),
    );
    const types = (
      await db.select().from(auditEvents).where(eq(auditEvents.agentId, agent.id))
    ).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['agent.blocked', 'agent.reinstated']));

    const lumen = await seeded.agent(ids.lumen);
    const verified = await post(tokens.admin, lumen.id, {
      status: 'verified',
      reason: 'vendor reviewed',
    });
    expect(((await verified.json()) as { revocation_seq: unknown }).revocation_seq).toBeNull();
    const detail = (await (await one.GET(call(tokens.auditor), withId(lumen.id))).json()) as {
      verification_history: { to_status: string; reason: string; actor: { label: string } }[];
    };
    expect(detail.verification_history).toEqual([
      expect.objectContaining({
        to_status: 'verified',
        reason: 'vendor reviewed',
        actor: expect.objectContaining({ label: 'API token ops' }),
      }),
    ]);
  });

  it('refuses bad input, unknown ids, auditors and anonymous callers, writing nothing', async () => {
    const agent = await seeded.agent(ids.ledger);
    const before = await written(agent.id);
    const cases: [string | null, string, unknown, number, string?][] = [
      [tokens.admin, agent.id, { status: 'trusted', reason: 'x' }, 422],
      [tokens.admin, agent.id, { status: 'suspended' }, 422],
      [tokens.admin, agent.id, { status: 'suspended', reason: '   ' }, 422],
      [tokens.admin, agent.id, { status: 'suspended', reason: 'x'.repeat(501) }, 422],
      [tokens.admin, agent.id, [], 422],
      [tokens.admin, agent.id, '{not json', 400],
      [tokens.admin, agent.id, { status: 'suspended', reason: 'x' }, 415, 'text/plain'],
      [tokens.admin, randomUUID(), { status: 'suspended', reason: 'x' }, 404],
      [tokens.admin, (await other.agent(ids.ledger)).id, { status: 'suspended', reason: 'x' }, 404],
      [tokens.admin, 'nope', { status: 'suspended', reason: 'x' }, 404],
      [tokens.auditor, agent.id, { status: 'suspended', reason: 'x' }, 403],
      [null, agent.id, { status: 'suspended', reason: 'x' }, 401],
    ];
    for (const [token, id, body, status, type] of cases) {
      const res = await post(token, id, body, type);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const invalid = await post(tokens.admin, agent.id, { status: 'nope' });
    expect(
      ((await invalid.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort(),
    ).toEqual(['/reason', '/status']);
    expect(await written(agent.id)).toEqual(before);
  });

  it('rolls back the status change when the revocation entry cannot be made', async () => {
    const db = database().db;
    const agent = await seeded.agent(ids.stray);
    const before = await written(agent.id);
    // Without its counter row the org cannot number an entry: the last step of the change fails.
    const [counter] = await db
      .delete(orgCounters)
      .where(eq(orgCounters.orgId, seeded.org.id))
      .returning();
    try {
      const res = await post(tokens.admin, agent.id, { status: 'blocked', reason: 'test' });
      expect(res.status).toBe(500);
      expect(await written(agent.id)).toEqual(before);
    } finally {
      await db.insert(orgCounters).values(counter!);
    }
  });
});
