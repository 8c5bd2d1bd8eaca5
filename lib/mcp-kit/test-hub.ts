import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { CloudEvent } from './reporter.js';
import type { RevocationEntry } from './types.js';

/**
 * A small stand-in for the hub in the kit's own tests: feed, SSE stream and a signed ingestion
 * endpoint, with the entries and received events in memory. (The stream's resume against the
 * real hub's routes is tested in revocation-sync.test.ts.)
 */
export async function startTestHub(secret: string, apiKey: string) {
  const entries: RevocationEntry[] = [];
  const events: CloudEvent[] = [];
  const streams = new Set<ServerResponse>();
  let ingestionUp = true;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hub.test');
    if (url.pathname.endsWith('/events')) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (!ingestionUp) return void res.writeHead(503).end();
        try {
          const body = new Webhook(secret).verify(Buffer.concat(chunks).toString(), {
            'webhook-id': String(req.headers['webhook-id']),
            'webhook-timestamp': String(req.headers['webhook-timestamp']),
            'webhook-signature': String(req.headers['webhook-signature']),
          });
          events.push(...(body as CloudEvent[]));
          res.writeHead(202).end('{}');
        } catch {
          res.writeHead(401).end();
        }
      });
      return;
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) return void res.writeHead(401).end();
    const after = BigInt(
      String(req.headers['last-event-id'] ?? url.searchParams.get('after') ?? 0),
    );
    const pending = entries.filter((e) => BigInt(e.seq) > after);
    if (url.pathname === '/api/v1/revocations') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ items: pending, next: pending.at(-1)?.seq ?? '0' }));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': connected\n\n');
    for (const e of pending) res.write(sse(e));
    streams.add(res);
    res.on('close', () => streams.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    streams,
    setIngestionUp: (up: boolean) => (ingestionUp = up),
    revoke(fields: Omit<RevocationEntry, 'seq' | 'revoked_at'>) {
      const entry = {
        seq: String(entries.length + 1),
        revoked_at: new Date().toISOString(),
        ...fields,
      };
      entries.push(entry);
      for (const s of streams) s.write(sse(entry));
      return entry;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sse = (e: RevocationEntry) =>
  `id: ${e.seq}\nevent: revocation\ndata: ${JSON.stringify(e)}\n\n`;
