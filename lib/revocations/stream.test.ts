import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { insertRevocationEntry } from '@/db/queries/revocations';
import { updateConsoleUser } from '@/db/queries/console-users';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { createSource, setSourceEnabled } from '@/lib/sources/manage-sources';
import { createTestActor, createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import * as stream from '@/app/api/v1/revocations/stream/route';
import { RevocationBroadcaster } from './broadcaster';
import { revocationStream } from './sse';

const database = setupTestDatabase();
let broadcaster: RevocationBroadcaster;
let orgId = '';
let otherOrgId = '';
let adminToken = '';

const entry = (tokenRef: string) => ({
  kind: 'token' as const,
  tokenRef,
  revokedAt: new Date(),
  actor: { type: 'admin', id: 'tester' },
});

beforeAll(async () => {
  setDatabase(database());
  broadcaster = new RevocationBroadcaster(database());
  const db = database().db;
  orgId = (await createTestOrg(db)).id;
  otherOrgId = (await createTestOrg(db)).id;
  adminToken = (
    await createApiToken(db, await createTestActor(db, orgId), {
      name: 's',
      role: 'auditor',
      expiresInDays: null,
    })
  ).token;
  await insertRevocationEntry(db, orgId, entry('before-1'));
  await insertRevocationEntry(db, orgId, entry('before-2'));
});

afterAll(() => broadcaster.close());

/** Reads SSE events off a stream until `count` entries arrived (or 5 s passed). */
async function readEvents(body: ReadableStream<Uint8Array>, count: number) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: { id: string; data: { token_ref?: string; seq: string } }[] = [];
  const deadline = Date.now() + 5000;
  while (events.length < count && Date.now() < deadline) {
    const result = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now())),
    ]);
    if (!result || result.done) break;
    text += decoder.decode(result.value, { stream: true });
    const blocks = text.split('\n\n');
    text = blocks.pop() ?? '';
    for (const block of blocks) {
      const id = block.match(/^id: (.*)$/m)?.[1];
      const data = block.match(/^data: (.*)$/m)?.[1];
      if (id && data) events.push({ id, data: JSON.parse(data) });
    }
  }
  reader.releaseLock();
  return { events, rest: text };
}

describe('the revocation stream', () => {
  it('catches up from `after`, then delivers each new entry of the org once, in order', async () => {
    const controller = new AbortController();
    const body = revocationStream(broadcaster, orgId, 1n, controller.signal);
    const first = await readEvents(body, 1);
    expect(first.events.map((e) => [e.id, e.data.token_ref])).toEqual([['2', 'before-2']]);

    const db = database().db;
    await insertRevocationEntry(db, otherOrgId, entry('other-org'));
    await db.transaction(async (tx) => {
      await insertRevocationEntry(tx, orgId, entry('live-1'));
      await insertRevocationEntry(tx, orgId, entry('live-2'));
    });
    const live = await readEvents(body, 2);
    expect(live.events.map((e) => [e.id, e.data.token_ref])).toEqual([
      ['3', 'live-1'],
      ['4', 'live-2'],
    ]);
    controller.abort();
    expect(broadcaster.subscriberCount()).toBe(0);
  });

  it('a rolled-back entry is never sent', async () => {
    const controller = new AbortController();
    const body = revocationStream(broadcaster, orgId, 4n, controller.signal);
    const db = database().db;
    await db
      .transaction(async (tx) => {
        await insertRevocationEntry(tx, orgId, entry('rolled-back'));
        throw new Error('roll back');
      })
      .catch(() => {});
    await insertRevocationEntry(db, orgId, entry('kept'));
    const { events } = await readEvents(body, 1);
    expect(events.map((e) => e.data.token_ref)).toEqual(['kept']);
    controller.abort();
  });

  it('the route refuses a bad Last-Event-ID or no credentials, and answers an event stream', async () => {
    const call = (headers: Record<string, string>) =>
      stream.GET(new Request('http://hub.test/api/v1/revocations/stream', { headers }), {
        params: Promise.resolve({}),
      });
    expect((await call({})).status).toBe(401);
    const bad = await call({ authorization: `Bearer ${adminToken}`, 'last-event-id': 'x' });
    expect(bad.status).toBe(422);
    const controller = new AbortController();
    const ok = await stream.GET(
      new Request('http://hub.test/api/v1/revocations/stream', {
        headers: { authorization: `Bearer ${adminToken}`, 'last-event-id': '4' },
        signal: controller.signal,
      }),
      { params: Promise.resolve({}) },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const { events } = await readEvents(ok.body!, 1);
    expect(events[0]?.data.token_ref).toBe('kept');
    controller.abort();
  });

  it('ends within seconds once its token is revoked, its source disabled or its maker disabled', async () => {
    const db = database().db;
    const owner = await createTestActor(db, orgId);
    const admin = await createTestActor(db, orgId, 'admin');
    const open = async (credential: string) => {
      const res = await stream.GET(
        new Request('http://hub.test/api/v1/revocations/stream', {
          headers: { authorization: `Bearer ${credential}` },
        }),
        { params: Promise.resolve({}) },
      );
      expect(res.status).toBe(200);
      return res.body!.getReader();
    };
    /** Reads until the hub closes the stream; false if it is still open after `ms`. */
    const closesWithin = async (reader: ReadableStreamDefaultReader<Uint8Array>, ms: number) => {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        const result = await Promise.race([
          reader.read(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now())),
        ]);
        if (result?.done) return true;
      }
      await reader.cancel();
      return false;
    };

    const revoked = await createApiToken(db, owner, {
      name: 'r',
      role: 'auditor',
      expiresInDays: null,
    });
    const kept = await createApiToken(db, owner, {
      name: 'k',
      role: 'auditor',
      expiresInDays: null,
    });
    const byAdmin = await createApiToken(db, admin, {
      name: 'a',
      role: 'auditor',
      expiresInDays: null,
    });
    const { source, apiKey } = await createSource(db, owner, {
      name: 'MCP',
      kind: 'mcp_server',
      resource: 'https://mcp.stream.test',
    });
    const streams = {
      revoked: await open(revoked.token),
      kept: await open(kept.token),
      byAdmin: await open(byAdmin.token),
      source: await open(apiKey),
    };
    await revokeApiToken(db, owner, { tokenId: revoked.row.id, reason: null });
    await updateConsoleUser(db, orgId, admin.id, { status: 'disabled' });
    await setSourceEnabled(db, owner, { sourceId: source.id, enabled: false, reason: null });
    const [a, b, c] = await Promise.all([
      closesWithin(streams.revoked, 5000),
      closesWithin(streams.byAdmin, 5000),
      closesWithin(streams.source, 5000),
    ]);
    expect({ revoked: a, byAdmin: b, source: c }).toEqual({
      revoked: true,
      byAdmin: true,
      source: true,
    });
    expect(await closesWithin(streams.kept, 2500)).toBe(false);
  });
});
