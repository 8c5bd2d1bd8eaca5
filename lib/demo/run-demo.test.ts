import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { listSources } from '@/db/queries/sources';
import { agents } from '@/db/schema';
import { handleIngestionRequest } from '@/lib/ingestion/transport';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { demoCatalog } from './catalog';
import { historyEvents } from './history';
import { DEMO_SOURCE_PREFIX, demoSourceSpecs, startDemo } from './run-demo';

const database = setupTestDatabase();

function toRequest(req: IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return new Request(`http://hub.test${req.url}`, {
    method: req.method,
    headers,
    body: new Uint8Array(body),
  });
}

/** A tiny hub: only the ingestion endpoint, served by the real handler on a random port. */
async function listen(handler: (sourceId: string, request: Request) => Promise<Response>) {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const match = /^\/api\/v1\/sources\/([^/]+)\/events$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      try {
        const response = await handler(match[1]!, toRequest(req, Buffer.concat(chunks)));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      } catch (err) {
        res.writeHead(500).end(err instanceof Error ? err.stack : String(err));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function demoSources(db: Db, orgId: string) {
  return (await listSources(db, orgId)).filter((s) => s.name.startsWith(DEMO_SOURCE_PREFIX));
}

const accepted = async (db: Db, orgId: string) =>
  (await demoSources(db, orgId)).reduce((sum, s) => sum + s.acceptedCount, 0);

describe('startDemo', () => {
  let hub: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    hub = await listen((sourceId, request) =>
      handleIngestionRequest(database().db, sourceId, request),
    );
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('registers the demo sources and replays the month through the signed endpoint, once', async () => {
    const db = database().db;
    const org = await createTestOrg(db);
    const now = new Date();
    const lines: string[] = [];
    const stop = await startDemo({
      db,
      orgId: org.id,
      hubUrl: hub.url,
      log: (line) => lines.push(line),
      trickleEveryMs: 3_600_000,
      now,
    });
    stop();

    const sources = await demoSources(db, org.id);
    expect(sources.map((s) => s.name).sort()).toEqual(demoSourceSpecs.map((s) => s.name).sort());
    expect(sources.every((s) => s.refusedCount === 0)).toBe(true);
    const history = historyEvents(now);
    expect(await accepted(db, org.id)).toBe(history.length);
    expect(lines.join('\n')).toContain(
      `replayed ${history.length.toLocaleString('en-US')} events through the signed endpoint`,
    );
    // Every registration became an agent of the demo authorization server.
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(agents)
      .where(
        and(eq(agents.orgId, org.id), eq(agents.issuer, demoCatalog.authorizationServer.issuer)),
      );
    const registrations = demoCatalog.agents.flatMap((a) => a.registrations).length;
    expect(row?.n).toBe(registrations);

    // A restart on the same org: no new sources, no replay, only the live trickle.
    const again: string[] = [];
    const stopAgain = await startDemo({
      db,
      orgId: org.id,
      hubUrl: hub.url,
      log: (line) => again.push(line),
      trickleEveryMs: 20,
    });
    try {
      expect((await demoSources(db, org.id)).map((s) => s.id).sort()).toEqual(
        sources.map((s) => s.id).sort(),
      );
      expect(again.join('\n')).not.toContain('replayed');
      await vi.waitFor(
        async () => expect(await accepted(db, org.id)).toBeGreaterThan(history.length),
        { timeout: 20_000, interval: 50 },
      );
    } finally {
      stopAgain();
    }
    expect(await accepted(db, org.id)).toBeLessThan(history.length + 200);
    expect(again.filter((l) => l.startsWith('live trickle'))).toEqual([]);
  }, 300_000);

  it('logs a refused batch and stops replaying, without throwing', async () => {
    const db = database().db;
    const org = await createTestOrg(db);
    const refusing = await listen(async () =>
      Response.json(
        { type: 'about:blank', title: 'Unprocessable Content', status: 422 },
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    try {
      const lines: string[] = [];
      const stop = await startDemo({
        db,
        orgId: org.id,
        hubUrl: refusing.url,
        log: (line) => lines.push(line),
        trickleEveryMs: 3_600_000,
      });
      stop();
      expect(lines.join('\n')).toMatch(/history replay stopped after 0 events: HTTP 422/);
      expect(lines.join('\n')).not.toContain('replayed');
    } finally {
      await refusing.close();
    }
  });
});
