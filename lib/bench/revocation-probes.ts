import { request, type ClientRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';

/** Arrival times (performance.now) by token_ref, with a way to wait for one. */
export class Arrivals {
  private readonly times = new Map<string, number>();
  private readonly waiters = new Map<string, (t: number) => void>();

  mark(ref: string, at = performance.now()) {
    if (this.times.has(ref)) return;
    this.times.set(ref, at);
    this.waiters.get(ref)?.(at);
    this.waiters.delete(ref);
  }

  get(ref: string) {
    return this.times.get(ref);
  }

  /** The arrival time of `ref`, or null after `timeoutMs`. */
  wait(ref: string, timeoutMs: number): Promise<number | null> {
    const known = this.times.get(ref);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(ref);
        resolve(null);
      }, timeoutMs);
      this.waiters.set(ref, (t) => {
        clearTimeout(timer);
        resolve(t);
      });
    });
  }
}

/**
 * One SSE subscriber on plain node:http (light enough for a thousand in one process): marks each
 * entry's token_ref as it arrives. `connected` resolves once the hub's opening comment came.
 */
export function subscribe(hubUrl: string, key: string, after: string, arrivals: Arrivals) {
  let req: ClientRequest;
  const connected = new Promise<void>((resolve, reject) => {
    req = request(
      `${hubUrl}/api/v1/revocations/stream`,
      {
        headers: {
          authorization: `Bearer ${key}`,
          'last-event-id': after,
          accept: 'text/event-stream',
        },
        agent: false,
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const at = performance.now();
          resolve();
          buffer += chunk;
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop() ?? '';
          for (const block of blocks) {
            const ref = /"token_ref":"([^"]+)"/.exec(block)?.[1];
            if (ref) arrivals.mark(ref, at);
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
  return { connected, close: () => req.destroy() };
}

/** A server's revocation webhook: verifies each push and marks its token_ref on arrival. */
export async function startPushReceiver(arrivals: Arrivals) {
  let secret = '';
  let refused = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      try {
        const event = new Webhook(secret).verify(Buffer.concat(chunks), {
          'webhook-id': String(req.headers['webhook-id']),
          'webhook-timestamp': String(req.headers['webhook-timestamp']),
          'webhook-signature': String(req.headers['webhook-signature']),
        }) as { data: { token_ref?: string } };
        if (event.data.token_ref) arrivals.mark(event.data.token_ref, at);
        res.writeHead(204).end();
      } catch {
        refused++;
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/revocations`,
    useSecret: (value: string) => (secret = value),
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Calls the MCP server with `token` every `everyMs` until it answers 401; resolves with the time
 * that answer arrived, or null after `timeoutMs`. A `ping` is the cheapest authenticated request.
 */
export async function probeUntilRefused(
  mcpUrl: string,
  token: string,
  everyMs: number,
  timeoutMs: number,
): Promise<number | null> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const res = await fetch(mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
    });
    const at = performance.now();
    await res.arrayBuffer();
    if (res.status === 401) return at;
    if (res.status !== 200) throw new Error(`the MCP server answered ${res.status}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return null;
}
