import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listEnforcementFacts } from '@/db/queries/enforcement';
import { getSource } from '@/db/queries/sources';
import { revocationAcks, sources } from '@/db/schema';
import { setup } from '@/lib/testing/builders';
import { appliedEvent, auditOf, deliverPush, entryAt, sendFrom } from '@/lib/testing/enforcement';
import { cloudEvent, mcpSender, timeAt } from '@/lib/testing/events';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { validateEvents } from '@/lib/ingestion/validate';
import { advancingOf } from './acknowledge';

const database = setupTestDatabase();

describe('advancingOf', () => {
  const ack = (seq: number, id = `a${seq}`) => ({
    eventId: id,
    throughSeq: BigInt(seq),
    at: new Date(),
  });

  it('moves forward only, in the batch’s order; the rest are heartbeats', () => {
    const { advancing, heartbeats } = advancingOf(4n, 10n, [
      ack(5),
      ack(3),
      ack(5, 'again'),
      ack(7),
    ]);
    expect(advancing.map((a) => a.throughSeq)).toEqual([5n, 7n]);
    expect([...heartbeats]).toEqual(['a3', 'again']);
  });

  it('takes a first acknowledgement of 0, and never passes the newest entry', () => {
    expect(advancingOf(null, 0n, [ack(0)]).advancing).toHaveLength(1);
    const { advancing, heartbeats } = advancingOf(3n, 3n, [ack(99), ack(100)]);
    expect(advancing).toEqual([]);
    expect(heartbeats.size).toBe(2);
    expect(advancingOf(1n, 3n, [ack(99)]).advancing[0]!.throughSeq).toBe(3n);
  });
});

describe('revocation.applied', () => {
  it('moves the source’s position, never backwards, out of order and repeated alike', async () => {
    const ctx = await setup(database().db);
    const { db, org, mcp } = ctx;
    for (let i = 0; i < 5; i++) await entryAt(db, org.id, i);
    const three = appliedEvent('3', 10);
    expect(await sendFrom(db, mcp, three)).toEqual({ accepted: 1, duplicates: 0 });
    expect((await getSource(db, org.id, mcp.id))!.appliedThroughSeq).toBe(3n);
    expect(await sendFrom(db, mcp, appliedEvent('2', 20))).toEqual({ accepted: 1, duplicates: 0 });
    expect(await sendFrom(db, mcp, three)).toEqual({ accepted: 0, duplicates: 1 });
    expect((await getSource(db, org.id, mcp.id))!.appliedThroughSeq).toBe(3n);
    await sendFrom(db, mcp, appliedEvent('5', 30), appliedEvent('4', 25));
    const source = (await getSource(db, org.id, mcp.id))!;
    expect(source.appliedThroughSeq).toBe(5n);
    expect(source.lastHeartbeatAt).not.toBeNull();
    // Advancing ones are in the trail; heartbeats ('2', '4') are not, though accepted.
    const trail = await auditOf(db, org.id, 'revocation.applied');
    expect(
      trail.map((r) => (r.data as { data: { through_seq: string } }).data.through_seq).sort(),
    ).toEqual(['3', '5']);
    const acks = await db.select().from(revocationAcks).where(eq(revocationAcks.sourceId, mcp.id));
    expect(acks.map((a) => a.throughSeq).sort()).toEqual([3n, 5n]);
  });

  it('is a heartbeat when it moves nothing: the last-seen time changes, the trail does not', async () => {
    const { db, org, mcp } = await setup(database().db);
    await entryAt(db, org.id, 0);
    await sendFrom(db, mcp, appliedEvent(1, 5));
    await db
      .update(sources)
      .set({ lastHeartbeatAt: new Date('2020-01-01T00:00:00Z') })
      .where(eq(sources.id, mcp.id));
    expect(await sendFrom(db, mcp, appliedEvent(1, 65), appliedEvent(1, 125))).toEqual({
      accepted: 2,
      duplicates: 0,
    });
    const seen = (await getSource(db, org.id, mcp.id))!.lastHeartbeatAt!;
    expect(Date.now() - seen.getTime()).toBeLessThan(60_000);
    expect(await auditOf(db, org.id, 'revocation.applied')).toHaveLength(1);
  });

  it('dates an entry’s enforcement from the first acknowledgement through its seq', async () => {
    const { db, org, mcp, as } = await setup(database().db);
    const first = await entryAt(db, org.id, 0);
    const second = await entryAt(db, org.id, 1);
    await sendFrom(db, mcp, appliedEvent(1, 2));
    await sendFrom(db, mcp, appliedEvent(2, 3));
    await sendFrom(db, as, appliedEvent(2, 4));
    const facts = await listEnforcementFacts(db, org.id, [first.id, second.id]);
    const at = (entryId: string, sourceId: string) =>
      facts.find((f) => f.entryId === entryId && f.sourceId === sourceId)?.ackAt?.toISOString();
    expect(at(first.id, mcp.id)).toBe(timeAt(2));
    expect(at(second.id, mcp.id)).toBe(timeAt(3));
    expect(at(second.id, as.id)).toBe(timeAt(4));
  });

  it('a push answered 2xx acknowledges that entry for that source', async () => {
    const { db, org, mcp } = await setup(database().db);
    await db
      .update(sources)
      .set({ revocationWebhookUrl: 'https://mcp.acme.example/revocations' })
      .where(eq(sources.id, mcp.id));
    const entry = await entryAt(db, org.id, 0);
    const at = new Date(entry.revokedAt.getTime() + 300);
    await deliverPush(db, entry.id, mcp.id, at);

    const facts = await listEnforcementFacts(db, org.id, [entry.id]);
    expect(facts.find((f) => f.sourceId === mcp.id)).toMatchObject({ pushAt: at, ackAt: null });
    expect((await getSource(db, org.id, mcp.id))!.lastPushDeliveredAt).toEqual(at);
  });

  it('refuses a malformed through_seq with the ingestion 422 errors', () => {
    for (const bad of ['', '-1', '01', '1.5', 'seven', '9223372036854775808', 7, null]) {
      const result = validateEvents(
        [cloudEvent('revocation.applied', { through_seq: bad }, 1)],
        mcpSender,
      );
      expect(result).toEqual({
        ok: false,
        errors: [expect.objectContaining({ index: 0, path: '/data/through_seq' })],
      });
    }
    expect(validateEvents([cloudEvent('revocation.applied', {}, 1)], mcpSender)).toMatchObject({
      ok: false,
      errors: [{ path: '/data/through_seq', message: 'is required' }],
    });
    expect(validateEvents([appliedEvent('9223372036854775807', 1)], mcpSender).ok).toBe(true);
  });
});
