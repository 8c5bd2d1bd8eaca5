import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { getBroadcaster } from '@/lib/revocations/broadcaster';
import { createSource } from '@/lib/sources/manage-sources';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { revokeToken, startHubRoutes as startHub, until } from '@/lib/testing/hub-routes';
import { RevocationSync } from './revocation-sync.js';

const database = setupTestDatabase();
let orgId = '';
let apiKey = '';

const revoke = (tokenRef: string) => revokeToken(database().db, orgId, tokenRef);

beforeAll(async () => {
  setDatabase(database());
  const db = database().db;
  orgId = (await createTestOrg(db)).id;
  const created = await createSource(
    db,
    { id: randomUUID(), orgId, email: 'kit@example.test' },
    { name: 'Kit MCP server', kind: 'mcp_server', resource: 'https://mcp.kit.example/mcp' },
  );
  apiKey = created.apiKey;
  await revoke('before-1');
  await revoke('before-2');
});

afterAll(() => getBroadcaster().close());

describe('the revocation sync against the hub', () => {
  it('catches up from the feed, streams new entries, and resumes with Last-Event-ID', async () => {
    const hub = await startHub();
    const seqs: string[] = [];
    const sync = new RevocationSync({
      hubUrl: hub.url,
      apiKey,
      onSeq: (seq) => void seqs.push(seq),
      pollIntervalMs: 100,
      backoffMs: { initial: 50, max: 200 },
      logger: { warn: () => {} },
    });
    try {
      await sync.start();
      expect(sync.set.seq).toBe('2');
      expect(sync.set.match({ tokenRef: 'before-1' })?.seq).toBe('1');
      await until(() => sync.state === 'streaming');
      expect(hub.streamRequests).toEqual(['2']);

      await revoke('live-3');
      await until(() => sync.set.match({ tokenRef: 'live-3' }) !== null, 3000);

      // The stream breaks and the hub refuses new ones: the feed is polled meanwhile.
      hub.setStreamDown(true);
      hub.cutStreams();
      await until(() => sync.state === 'polling');
      await revoke('while-down-4');
      await until(() => sync.set.match({ tokenRef: 'while-down-4' }) !== null);
      expect(hub.streamRequests.length).toBeGreaterThan(1);

      // Back up: the stream resumes after the newest entry the server has, and nothing is lost.
      hub.setStreamDown(false);
      await until(() => sync.state === 'streaming');
      // A reconnect sent before the poll brought 4 in may be the one the hub takes once it is back:
      // it resumes after 3, which then streams 4 again (applied once, as every entry).
      expect(['3', '4']).toContain(hub.streamRequests.at(-1));
      expect(sync.set.seq).toBe('4');
      await revoke('after-5');
      await until(() => sync.set.match({ tokenRef: 'after-5' }) !== null, 3000);
      expect(sync.set.seq).toBe('5');
      expect(sync.set.size).toBe(5);
      expect(seqs.at(-1)).toBe('5');
    } finally {
      await sync.stop();
      await hub.close();
    }
  });

  it('starts from a persisted seq, and keeps trying while the hub is away at start', async () => {
    const hub = await startHub();
    const url = hub.url;
    await hub.close();
    const sync = new RevocationSync({
      hubUrl: url,
      apiKey,
      after: '4',
      pollIntervalMs: 50,
      backoffMs: { initial: 20, max: 50 },
      logger: { warn: () => {} },
    });
    await sync.start();
    expect(sync.set.seq).toBe('4');
    await new Promise((r) => setTimeout(r, 150));
    expect(sync.state).toBe('polling');
    await sync.stop();

    const up = await startHub();
    const resumed = new RevocationSync({ hubUrl: up.url, apiKey, after: '4' });
    try {
      await resumed.start();
      expect(resumed.set.seq).toBe('5');
      expect(resumed.set.match({ tokenRef: 'before-1' })).toBeNull();
      expect(resumed.set.match({ tokenRef: 'after-5' })?.seq).toBe('5');
    } finally {
      await resumed.stop();
      await up.close();
    }
  });

  it('a wrong API key is refused and the set stays empty', async () => {
    const hub = await startHub();
    const sync = new RevocationSync({
      hubUrl: hub.url,
      apiKey: 'hubsrc_wrong',
      backoffMs: { initial: 50, max: 100 },
      logger: { warn: () => {} },
    });
    try {
      await expect(sync.poll()).rejects.toThrow(/answered 401/);
      expect(sync.set.size).toBe(0);
    } finally {
      await sync.stop();
      await hub.close();
    }
  });
});
