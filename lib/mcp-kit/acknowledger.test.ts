import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db/client';
import { getBroadcaster } from '@/lib/revocations/broadcaster';
import { createSource } from '@/lib/sources/manage-sources';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { revokeToken, startHubRoutes, until } from '@/lib/testing/hub-routes';
import { createHubKit, type HubKit } from './hub-kit.js';
import { jwtVerifier } from './jwt.js';

const database = setupTestDatabase();
const RESOURCE = 'https://mcp.ack.example/mcp';
let orgId = '';
let source = { id: '', apiKey: '', signingSecret: '' };

const revoke = (tokenRef: string) => revokeToken(database().db, orgId, tokenRef);

type Hub = Awaited<ReturnType<typeof startHubRoutes>>;
/** The `revocation.applied` events the hub received, with the status it answered each batch. */
const acks = (hub: Hub) =>
  hub.ingested.flatMap((call) =>
    call.events
      .filter((e) => e.type === 'revocation.applied')
      .map((e) => ({
        status: call.status,
        seq: e.data.through_seq as string,
        time: e.time,
        arrived: call.arrived,
      })),
  );

function kitFor(hub: Hub): HubKit {
  return createHubKit({
    hubUrl: hub.url,
    sourceId: source.id,
    apiKey: source.apiKey,
    signingSecret: source.signingSecret,
    resource: RESOURCE,
    resourceMetadataUrl: 'https://mcp.ack.example/.well-known/oauth-protected-resource/mcp',
    verify: jwtVerifier({ issuer: 'https://as.ack.example', audience: RESOURCE, secret: 'ack' }),
    sync: { pollIntervalMs: 100, backoffMs: { initial: 50, max: 100 } },
    logger: { warn: () => {} },
  });
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const close of closers.splice(0)) await close();
});

beforeAll(async () => {
  setDatabase(database());
  const db = database().db;
  orgId = (await createTestOrg(db)).id;
  const created = await createSource(
    db,
    { id: randomUUID(), orgId, email: 'ack@example.test' },
    { name: 'Ack MCP server', kind: 'mcp_server', resource: RESOURCE },
  );
  source = { id: created.source.id, apiKey: created.apiKey, signingSecret: created.signingSecret };
  await revoke('ack-before-1');
  await revoke('ack-before-2');
});

afterAll(() => getBroadcaster().close());

describe('acknowledging revocations to the hub', () => {
  it('acknowledges once caught up, then each new entry within a second, accepted by the hub', async () => {
    const hub = await startHubRoutes();
    const kit = kitFor(hub);
    closers.push(
      () => hub.close(),
      () => kit.close(),
    );
    await kit.start();
    // the catch-up alone: sent at once, not after the batch interval
    const started = Date.now();
    await until(() => acks(hub).length > 0);
    expect(acks(hub)).toEqual([
      { status: 202, seq: '2', time: expect.any(String), arrived: expect.any(Number) },
    ]);
    expect(acks(hub)[0]!.arrived - started).toBeLessThan(1000);
    await until(() => kit.sync.state === 'streaming');

    await revoke('ack-live-3');
    await until(() => kit.sync.set.seq === '3');
    const applied = Date.now();
    await until(() => acks(hub).some((a) => a.seq === '3'));
    // timed to its arrival at the hub: what the hub does with it next is not the kit's part
    expect(acks(hub).find((a) => a.seq === '3')!.arrived - applied).toBeLessThan(1000);

    // a burst of entries is acknowledged together, through the newest
    await Promise.all([revoke('ack-burst-4'), revoke('ack-burst-5'), revoke('ack-burst-6')]);
    await until(() => acks(hub).some((a) => a.seq === '6'));
    expect(acks(hub).filter((a) => ['4', '5'].includes(a.seq)).length).toBeLessThan(2);
    expect(acks(hub).every((a) => a.status === 202)).toBe(true);
    expect(kit.reporter.stats.refused).toBe(0);
  });

  it('sends a heartbeat every 60 s while it reaches the hub, and none while it does not', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const hub = await startHubRoutes();
    const kit = kitFor(hub);
    closers.push(
      () => hub.close(),
      () => kit.close(),
    );
    await kit.start();
    // delivered: answered by the hub and gone from the kit's queue (a beat waits for that)
    const delivered = (n: number) =>
      acks(hub).length === n && kit.reporter.pendingAcknowledgements === 0;
    await until(() => delivered(1) && kit.sync.state === 'streaming');
    const seq = kit.sync.set.seq;

    vi.advanceTimersByTime(59_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(acks(hub)).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    await until(() => delivered(2), 3000);
    expect(acks(hub)[1]).toMatchObject({ status: 202, seq });
    vi.advanceTimersByTime(60_000);
    await until(() => delivered(3), 3000);

    // The hub's feed and stream go away: the server no longer knows it is current, so it says
    // nothing and the hub will see it as unreachable.
    hub.setStreamDown(true);
    hub.setFeedDown(true);
    hub.cutStreams();
    await until(() => !kit.sync.inContact);
    vi.advanceTimersByTime(120_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(acks(hub)).toHaveLength(3);

    // Back: it acknowledges as soon as it reaches the hub again, without waiting for a beat.
    hub.setFeedDown(false);
    hub.setStreamDown(false);
    vi.advanceTimersByTime(100);
    await until(() => delivered(4), 3000);
    expect(acks(hub)[3]).toMatchObject({ status: 202, seq });
  });
});
