import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { revocationLeaks, sources } from '@/db/schema';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { setup } from '@/lib/testing/builders';
import {
  appliedEvent,
  deliverPush,
  enforcingSource,
  entryAt,
  sendFrom,
  statusesOf,
} from '@/lib/testing/enforcement';
import { createTestSource, timeAt } from '@/lib/testing/events';
import { createTestActor, setupTestDatabase } from '@/lib/testing/fixtures';
import * as entryRoute from '@/app/api/v1/revocations/[seq]/route';
import { LIVE_WINDOW_MS, statusAt } from './status';

const database = setupTestDatabase();
beforeAll(() => setDatabase(database()));

const source = enforcingSource;

describe('statusAt: the status table', () => {
  const revokedAt = new Date('2026-05-01T10:00:00Z');
  const now = new Date('2026-05-01T10:10:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const none = { ackAt: null, pushAt: null, leaks: 0 };

  it('applied: acknowledged or pushed, from the earlier of the two, with the time taken', () => {
    const ackAt = new Date(revokedAt.getTime() + 400);
    const pushAt = new Date(revokedAt.getTime() + 250);
    expect(statusAt({ revokedAt }, source(), { ...none, ackAt }, now)).toEqual({
      status: 'applied',
      appliedAt: ackAt,
      latencyMs: 400,
      leaks: 0,
    });
    expect(statusAt({ revokedAt }, source(), { ...none, ackAt, pushAt }, now)).toMatchObject({
      status: 'applied',
      appliedAt: pushAt,
      latencyMs: 250,
    });
    // a source clock a little behind the hub's never gives a negative time
    expect(
      statusAt({ revokedAt }, source(), { ...none, ackAt: ago(11 * 60_000) }, now).latencyMs,
    ).toBe(0);
  });

  it('pending while heard from within 2 minutes, unreachable after', () => {
    const heard = (ms: number) => source({ lastHeartbeatAt: ago(ms) });
    expect(statusAt({ revokedAt }, heard(LIVE_WINDOW_MS), none, now).status).toBe('pending');
    expect(statusAt({ revokedAt }, heard(LIVE_WINDOW_MS + 1), none, now).status).toBe(
      'unreachable',
    );
    const pushed = source({ lastPushDeliveredAt: ago(1000), lastHeartbeatAt: ago(3_600_000) });
    expect(statusAt({ revokedAt }, pushed, none, now).status).toBe('pending');
  });

  it('not_enforcing with a leak, whatever it acknowledged; unknown when never heard from', () => {
    const ackAt = new Date(revokedAt.getTime() + 100);
    expect(statusAt({ revokedAt }, source(), { ackAt, pushAt: null, leaks: 3 }, now)).toEqual({
      status: 'not_enforcing',
      appliedAt: ackAt,
      latencyMs: 100,
      leaks: 3,
    });
    expect(statusAt({ revokedAt }, source(), undefined, now).status).toBe('unknown');
  });
});

describe('enforcement of an entry, from the database', () => {
  it('answers every row of the table for the sources that should enforce it', async () => {
    const { db, org, as, mcp } = await setup(database().db);
    const gateway = await createTestSource(db, org.id, 'gateway', null, ['https://gw.test']);
    const quiet = await createTestSource(db, org.id, 'mcp_server', null, ['https://quiet.test']);
    const leaky = await createTestSource(db, org.id, 'mcp_server', null, ['https://leaky.test']);
    const pushed = await createTestSource(db, org.id, 'mcp_server', null, ['https://push.test']);
    const reporting = await createTestSource(db, org.id, 'mcp_server', null, ['https://rep.test']);
    const otherAs = await createTestSource(db, org.id, 'authorization_server', 'https://other.as');
    await db
      .update(sources)
      .set({ enforcesRevocations: false })
      .where(eq(sources.id, reporting.id));
    await db
      .update(sources)
      .set({ revocationWebhookUrl: 'https://push.test/revocations' })
      .where(eq(sources.id, pushed.id));

    await sendFrom(db, quiet, appliedEvent(0, 1));
    await sendFrom(db, gateway, appliedEvent(0, 1));
    const entry = await entryAt(db, org.id, 10);
    await sendFrom(db, mcp, appliedEvent(entry.seq.toString(), 10.4));
    await sendFrom(db, leaky, appliedEvent(entry.seq.toString(), 10.2));
    await db.insert(revocationLeaks).values({
      orgId: org.id,
      entryId: entry.id,
      sourceId: leaky.id,
      count: 2,
      firstAt: new Date(timeAt(30)),
      lastAt: new Date(timeAt(40)),
    });
    const pushAt = new Date(entry.revokedAt.getTime() + 150);
    await deliverPush(db, entry.id, pushed.id, pushAt);

    await db
      .update(sources)
      .set({ lastHeartbeatAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(sources.id, quiet.id));

    const all = [as, mcp, gateway, quiet, leaky, pushed, reporting, otherAs].map((s) => s.id);
    const result = await statusesOf(db, org.id, entry, all);
    expect(Object.fromEntries(result.status)).toEqual({
      [as.id]: 'unknown',
      [mcp.id]: 'applied',
      [gateway.id]: 'pending',
      [quiet.id]: 'unreachable',
      [leaky.id]: 'not_enforcing',
      [pushed.id]: 'applied',
      [reporting.id]: 'unknown',
    });
    expect(result.of(mcp.id)).toMatchObject({ latencyMs: 400, counted: true });
    expect(result.of(pushed.id)).toMatchObject({ appliedAt: pushAt, latencyMs: 150 });
    expect(result.of(leaky.id)).toMatchObject({ leaks: 2 });
    expect(result.of(reporting.id)!.counted).toBe(false);
    expect(result.summary).toEqual({ should: 6, applied: 2, not_enforcing: 1 });

    // The same later, with nothing new heard: the live ones become unreachable.
    const later = await statusesOf(db, org.id, entry, all, new Date(Date.now() + 3 * 60_000));
    expect(later.status.get(gateway.id)).toBe('unreachable');
    expect(later.status.get(mcp.id)).toBe('applied');
  });

  it('a token entry is for MCP servers and gateways only; an AS counts for its own issuer', async () => {
    const { db, org, as, mcp } = await setup(database().db);
    const token = await entryAt(db, org.id, 0, { kind: 'token', tokenRef: 't1', issuer: null });
    const result = await statusesOf(db, org.id, token, [as.id, mcp.id]);
    expect([...result.status.keys()]).toEqual([mcp.id]);
    expect(result.summary.should).toBe(1);
  });
});

describe('GET /api/v1/revocations/{seq}', () => {
  it('answers the entry with its enforcement and summary; 404 and 422 otherwise', async () => {
    const { db, org, mcp } = await setup(database().db);
    const token = (
      await createApiToken(db, await createTestActor(db, org.id), {
        name: 'r',
        role: 'auditor',
        expiresInDays: null,
      })
    ).token;
    const entry = await entryAt(db, org.id, 0, { reason: 'suspended' });
    await sendFrom(db, mcp, appliedEvent(entry.seq.toString(), 0.5));
    const get = (seq: string) =>
      entryRoute.GET(
        new Request(`http://hub.test/api/v1/revocations/${seq}`, {
          headers: { authorization: `Bearer ${token}` },
        }),
        { params: Promise.resolve({ seq }) },
      );
    const answer = await get(entry.seq.toString());
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      seq: entry.seq.toString(),
      kind: 'agent',
      reason: 'suspended',
      summary: { should: 2, applied: 1, not_enforcing: 0 },
    });
    expect(body.enforcement).toContainEqual({
      source_id: mcp.id,
      name: expect.any(String),
      kind: 'mcp_server',
      status: 'applied',
      applied_at: timeAt(0.5),
      latency_ms: 500,
      leaks: 0,
      counted: true,
    });
    expect((await get('999999')).status).toBe(404);
    expect((await get('abc')).status).toBe(422);
  });
});
