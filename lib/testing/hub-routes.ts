import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as feedRoute from '@/app/api/v1/revocations/route';
import * as streamRoute from '@/app/api/v1/revocations/stream/route';
import * as ingestRoute from '@/app/api/v1/sources/[sourceId]/events/route';
import type { Db } from '@/db/client';
import { insertRevocationEntry } from '@/db/queries/revocations';

/** A token revocation entry made by an admin, as the console makes one. */
export const revokeToken = (db: Db, orgId: string, tokenRef: string) =>
  insertRevocationEntry(db, orgId, {
    kind: 'token',
    tokenRef,
    revokedAt: new Date(),
    actor: { type: 'admin', id: 'tester' },
  });

/** Waits until `check` holds, polling every 10 ms; throws after `ms`. */
export async function until(check: () => boolean, ms = 8000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One ingestion request the hub answered: its events, the status it gave and when it arrived. */
export type IngestionCall = {
  status: number;
  arrived: number;
  events: { type: string; time: string; data: Record<string, unknown> }[];
};

/**
 * The hub's real revocation feed, stream and ingestion route handlers behind a node:http server
 * (for the MCP kit's tests), with switches to cut live streams and to refuse new streams or feed
 * reads, as a restarting hub or a broken proxy would.
 */
export async function startHubRoutes() {
  const streamRequests: string[] = [];
  const ingested: IngestionCall[] = [];
  let streamDown = false;
  let feedDown = false;
  const server = createServer((req, res) => {
    // A client that went away mid-answer must not become an unhandled rejection of the test run.
    handle(req, res).catch(() => res.destroy());
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://hub.test');
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const arrived = Date.now();
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    const request = new Request(url, {
      method: req.method,
      headers,
      body: body?.toString(),
      signal: abort.signal,
    });
    const ingestion = url.pathname.match(/^\/api\/v1\/sources\/([^/]+)\/events$/);
    let response: Response;
    if (url.pathname === '/api/v1/revocations/stream') {
      streamRequests.push(String(req.headers['last-event-id'] ?? ''));
      response = streamDown
        ? new Response('down', { status: 503 })
        : await streamRoute.GET(request, { params: Promise.resolve({}) });
    } else if (url.pathname === '/api/v1/revocations') {
      response = feedDown
        ? new Response('down', { status: 503 })
        : await feedRoute.GET(request, { params: Promise.resolve({}) });
    } else if (ingestion && req.method === 'POST') {
      response = await ingestRoute.POST(request, {
        params: Promise.resolve({ sourceId: ingestion[1]! }),
      });
      let events: IngestionCall['events'] = [];
      try {
        const parsed = JSON.parse(body!.toString()) as unknown;
        events = (Array.isArray(parsed) ? parsed : [parsed]) as IngestionCall['events'];
      } catch {
        // not JSON: the hub's answer says so
      }
      ingested.push({ status: response.status, arrived, events });
    } else response = new Response('no', { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return res.end();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
    } catch {
      // the client went away
    }
    res.end();
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    streamRequests,
    ingested,
    setStreamDown: (down: boolean) => (streamDown = down),
    setFeedDown: (down: boolean) => (feedDown = down),
    cutStreams: () => server.closeAllConnections(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
