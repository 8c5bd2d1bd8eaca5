import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outboxDeliveries } from '@/db/schema';
import { rotateSourceSecret } from '@/lib/sources/manage-sources';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { presentEntry } from '../present';
import { eventually, pushSetup, startReceiver } from '@/lib/testing/outbox';
import { OutboxWorker } from './worker';

const database = setupTestDatabase();
const HUB = 'https://hub.acme.example';
const cleanups: (() => Promise<void>)[] = [];
// The receivers listen on loopback, which only an on-premises or test hub may call.
beforeEach(() => vi.stubEnv('HUB_ALLOW_PRIVATE_TARGETS', '1'));
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  vi.unstubAllEnvs();
});

async function scenario() {
  let secret = '';
  const receiver = await startReceiver(() => secret);
  cleanups.push(receiver.close);
  const ctx = await pushSetup(database().db, receiver.url);
  secret = ctx.secret;
  const worker = (options: { attemptTimeoutMs?: number } = {}) => {
    const w = new OutboxWorker(database(), {
      hubUrl: HUB,
      sweepMs: 200,
      log: () => {},
      ...options,
    });
    cleanups.push(() => w.stop());
    return w;
  };
  const makeDue = () =>
    database()
      .db.update(outboxDeliveries)
      .set({ nextAttemptAt: sql`now()` })
      .where(eq(outboxDeliveries.orgId, ctx.org.id));
  return { ...ctx, receiver, worker, makeDue, setSecret: (s: string) => (secret = s) };
}

describe('the push outbox worker', () => {
  it('POSTs each entry as a signed revocation.created CloudEvent and records the attempt', async () => {
    const s = await scenario();
    await s.worker().start();
    const entry = await s.revoke('tok-1');
    await eventually(() => expect(s.receiver.received).toHaveLength(1));
    const [got] = s.receiver.received;
    expect(got!.headers['content-type']).toBe('application/cloudevents+json');
    expect(got!.payload).toEqual({
      specversion: '1.0',
      id: entry.id,
      source: HUB,
      type: 'revocation.created',
      subject: entry.seq.toString(),
      time: entry.createdAt.toISOString(),
      datacontenttype: 'application/json',
      data: JSON.parse(JSON.stringify(presentEntry(entry))),
    });
    const [delivery] = await eventually(async () => {
      const rows = await s.deliveries();
      expect(rows[0]!.status).toBe('delivered');
      return rows;
    });
    expect(got!.headers['webhook-id']).toBe(`msg_${delivery!.id}`);
    expect(delivery).toMatchObject({ attempts: 1, lastError: null });
    expect(await s.attempts()).toMatchObject([{ statusCode: 204, error: null }]);
    expect(s.receiver.refused).toEqual([]);
  });

  it('retries a refusing server with back-off under the same webhook-id, keeping only its status', async () => {
    const s = await scenario();
    s.receiver.answer(503, `<html>${'maintenance '.repeat(500)}</html>`);
    const worker = s.worker();
    await worker.start();
    const before = Date.now();
    await s.revoke('tok-1');
    const [first] = await eventually(async () => {
      const rows = await s.deliveries();
      expect(rows[0]!.attempts).toBe(1);
      return rows;
    });
    expect(first!.status).toBe('pending');
    // the first retry: 5 s ± 20 %
    const wait = first!.nextAttemptAt.getTime() - first!.lastAttemptAt!.getTime();
    expect(wait).toBeGreaterThanOrEqual(3_900);
    expect(wait).toBeLessThanOrEqual(6_100);
    expect(first!.lastAttemptAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [attempt] = await s.attempts();
    expect(attempt).toMatchObject({ statusCode: 503 });
    expect(attempt!.error).toBe('HTTP 503');
    expect(first!.lastError).toBe('HTTP 503');
    expect(attempt!.durationMs).toBeGreaterThanOrEqual(0);

    s.receiver.answer(200);
    await s.makeDue();
    worker.wake();
    await eventually(async () => expect((await s.deliveries())[0]!.status).toBe('delivered'));
    expect((await s.attempts()).map((a) => a.statusCode)).toEqual([503, 200]);
    const ids = s.receiver.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    expect(ids.length).toBe(2);
  });

  it('records a server that does not answer in time, and gives up only after 24 hours', async () => {
    const s = await scenario();
    s.receiver.answer(200, '', 2_000);
    const worker = s.worker({ attemptTimeoutMs: 300 });
    await s.revoke('tok-1');
    await database()
      .db.update(outboxDeliveries)
      .set({ createdAt: new Date(Date.now() - 25 * 3600 * 1000) })
      .where(eq(outboxDeliveries.orgId, s.org.id));
    await worker.start();
    const [row] = await eventually(async () => {
      const rows = await s.deliveries();
      expect(rows[0]!.status).toBe('failed');
      return rows;
    });
    expect(row!.lastError).toBe('no answer within 0.3 s');
    expect(await s.attempts()).toMatchObject([
      { statusCode: null, error: 'no answer within 0.3 s' },
    ]);
  });

  it('gives up at once on a target it may not call, and says so', async () => {
    const s = await scenario();
    vi.stubEnv('HUB_ALLOW_PRIVATE_TARGETS', '0');
    const worker = s.worker();
    await worker.start();
    await s.revoke('tok-1');
    const [row] = await eventually(async () => {
      const rows = await s.deliveries();
      expect(rows[0]!.status).toBe('failed');
      return rows;
    });
    expect(row).toMatchObject({ attempts: 1, lastError: 'refused: private address' });
    await s.makeDue();
    worker.wake();
    await worker.idle();
    expect(await s.attempts()).toMatchObject([
      { statusCode: null, error: 'refused: private address' },
    ]);
    expect(s.receiver.received).toEqual([]);
  });

  it('survives a restart: a new worker picks up what the stopped one left', async () => {
    const s = await scenario();
    s.receiver.answer(500);
    const first = s.worker();
    await first.start();
    await s.revoke('tok-1');
    await eventually(async () => expect((await s.deliveries())[0]!.attempts).toBe(1));
    await first.stop();
    await s.revoke('tok-2');
    s.receiver.answer(204);
    await s.makeDue();
    const second = s.worker();
    await second.start();
    await eventually(async () =>
      expect((await s.deliveries()).map((d) => d.status)).toEqual(['delivered', 'delivered']),
    );
  });

  it('signs with the current secret after a rotation', async () => {
    const s = await scenario();
    const rotated = await rotateSourceSecret(database().db, s.actor, s.source.id);
    s.setSecret(rotated.signingSecret);
    await s.worker().start();
    await s.revoke('tok-1');
    await eventually(() => expect(s.receiver.received).toHaveLength(1));
    expect(s.receiver.refused).toEqual([]);
  });

  it('two workers on one database deliver each entry exactly once', async () => {
    const s = await scenario();
    s.receiver.answer(204, '', 20);
    for (let i = 0; i < 30; i++) await s.revoke(`tok-${i}`);
    const a = s.worker();
    const b = s.worker();
    await Promise.all([a.start(), b.start()]);
    await eventually(async () =>
      expect((await s.deliveries()).every((d) => d.status === 'delivered')).toBe(true),
    );
    const ids = s.receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(await s.attempts()).toHaveLength(30);
  });
});
