import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  agents,
  agentVerifications,
  auditEvents,
  orgCounters,
  revocationEntries,
} from '@/db/schema';
import * as one from '@/app/api/v1/agents/[agentId]/route';
import * as verification from '@/app/api/v1/agents/[agentId]/verification/route';
import { setupAgentsApi, withAgentId } from '@/lib/testing/agents-api';
import { apiRequest } from '@/lib/testing/api-request';
import { ids } from '@/lib/testing/agents';

const { database, state } = setupAgentsApi();

const post = (token: string | null, agentId: string, body: unknown, contentType?: string) =>
  verification.POST(
    apiRequest(token, `/api/v1/agents/${agentId}/verification`, { body, contentType }),
    withAgentId(agentId),
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

describe('POST /api/v1/agents/{id}/verification', () => {
  it('suspends in one transaction: status, history with evidence, revocation entry and audit', async () => {
    const agent = await state.seeded.agent(ids.notes[1]);
    const res = await post(state.tokens.admin, agent.id, {
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
    // the seed made entries of its own (an agent deleted): the one this change made is by its seq
    const [entry] = await db
      .select()
      .from(revocationEntries)
      .where(
        and(
          eq(revocationEntries.orgId, state.seeded.org.id),
          eq(revocationEntries.seq, BigInt(body.revocation_seq as string)),
        ),
      );
    expect(entry).toMatchObject({
      kind: 'agent',
      issuer: agent.issuer,
      clientId: ids.notes[1],
      reason: 'phishing report',
      notBefore: null,
      actor: { type: 'admin', id: state.tokens.adminId },
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
      actorId: state.tokens.adminId,
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
      actorId: state.tokens.adminId,
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
    const again = await post(state.tokens.admin, agent.id, {
      status: 'suspended',
      reason: 'again',
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/already suspended/);
    expect(await written(agent.id)).toEqual(before);
  });

  it('reinstates with a not_before, blocks, and verifies without a revocation', async () => {
    const agent = await state.seeded.agent(ids.orbit[2]);
    await post(state.tokens.admin, agent.id, { status: 'blocked', reason: 'stolen laptop' });
    const started = Date.now();
    const res = await post(state.tokens.admin, agent.id, {
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
          eq(revocationEntries.orgId, state.seeded.org.id),
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

    const lumen = await state.seeded.agent(ids.lumen);
    const verified = await post(state.tokens.admin, lumen.id, {
      status: 'verified',
      reason: 'vendor reviewed',
    });
    expect(((await verified.json()) as { revocation_seq: unknown }).revocation_seq).toBeNull();
    const detail = (await (
      await one.GET(apiRequest(state.tokens.auditor, '/api/v1/agents'), withAgentId(lumen.id))
    ).json()) as {
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
    const agent = await state.seeded.agent(ids.ledger);
    const before = await written(agent.id);
    const cases: [string | null, string, unknown, number, string?][] = [
      [state.tokens.admin, agent.id, { status: 'trusted', reason: 'x' }, 422],
      [state.tokens.admin, agent.id, { status: 'suspended' }, 422],
      [state.tokens.admin, agent.id, { status: 'suspended', reason: '   ' }, 422],
      [state.tokens.admin, agent.id, { status: 'suspended', reason: 'x'.repeat(501) }, 422],
      [state.tokens.admin, agent.id, [], 422],
      [state.tokens.admin, agent.id, '{not json', 400],
      [state.tokens.admin, agent.id, { status: 'suspended', reason: 'x' }, 415, 'text/plain'],
      [state.tokens.admin, randomUUID(), { status: 'suspended', reason: 'x' }, 404],
      [
        state.tokens.admin,
        (await state.other.agent(ids.ledger)).id,
        { status: 'suspended', reason: 'x' },
        404,
      ],
      [state.tokens.admin, 'nope', { status: 'suspended', reason: 'x' }, 404],
      [state.tokens.auditor, agent.id, { status: 'suspended', reason: 'x' }, 403],
      [null, agent.id, { status: 'suspended', reason: 'x' }, 401],
    ];
    for (const [token, id, body, status, type] of cases) {
      const res = await post(token, id, body, type);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const invalid = await post(state.tokens.admin, agent.id, { status: 'nope' });
    expect(
      ((await invalid.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort(),
    ).toEqual(['/reason', '/status']);
    expect(await written(agent.id)).toEqual(before);
  });

  it('rolls back the status change when the revocation entry cannot be made', async () => {
    const db = database().db;
    const agent = await state.seeded.agent(ids.stray);
    const before = await written(agent.id);
    // Without its counter row the org cannot number an entry: the last step of the change fails.
    const [counter] = await db
      .delete(orgCounters)
      .where(eq(orgCounters.orgId, state.seeded.org.id))
      .returning();
    try {
      const res = await post(state.tokens.admin, agent.id, { status: 'blocked', reason: 'test' });
      expect(res.status).toBe(500);
      expect(await written(agent.id)).toEqual(before);
    } finally {
      await db.insert(orgCounters).values(counter!);
    }
  });
});
