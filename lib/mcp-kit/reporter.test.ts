import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { validateEvents } from '@/lib/ingestion/validate';
import { HubReporter, type CloudEvent } from './reporter.js';

const secret = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const quiet = { warn: () => {} };

/** A stand-in for the hub's ingestion endpoint: verifies signatures, answers `status()`. */
async function startHub(status: () => number) {
  const batches: CloudEvent[][] = [];
  const seen: { headers: IncomingHttpHeaders; status: number }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const code = status();
      seen.push({ headers: req.headers, status: code });
      const headers = {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      };
      try {
        const body = new Webhook(secret).verify(Buffer.concat(chunks).toString(), headers);
        if (code < 300) batches.push(body as CloudEvent[]);
        res.writeHead(code, { 'content-type': 'application/json' }).end('{}');
      } catch {
        seen.at(-1)!.status = 401;
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/sources/s/events`,
    batches,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function reporter(url: string, extra: Partial<ConstructorParameters<typeof HubReporter>[0]> = {}) {
  const r = new HubReporter({
    endpoint: url,
    secret,
    resource: 'https://mcp.example/mcp',
    logger: quiet,
    ...extra,
  });
  closers.push(() => r.close());
  return r;
}

const until = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the hub reporter', () => {
  it('sends signed CloudEvent batches of at most maxBatch, and a partial batch after the interval', async () => {
    const hub = await startHub(() => 202);
    closers.push(hub.close);
    const r = reporter(hub.url, { maxBatch: 100, flushIntervalMs: 200 });
    const started = Date.now();
    for (let i = 0; i < 250; i++)
      r.toolInvoked({ tool: 'search', client_id: 'agent', outcome: 'ok', duration_ms: i });
    await until(() => r.stats.sent === 250);
    expect(hub.batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const first = hub.batches[0]![0]!;
    expect(first).toMatchObject({
      specversion: '1.0',
      type: 'tool.invoked',
      source: 'https://mcp.example/mcp',
      data: { resource: 'https://mcp.example/mcp', tool: 'search', outcome: 'ok' },
    });
    expect(hub.seen[0]!.headers['content-type']).toBe('application/cloudevents-batch+json');
    expect(new Set(hub.batches.flat().map((e) => e.id)).size).toBe(250);
  });

  it('retries with back-off until the hub answers, losing nothing, and never throws', async () => {
    let down = 3;
    const hub = await startHub(() => (down-- > 0 ? 503 : 202));
    closers.push(hub.close);
    const r = reporter(hub.url, { flushIntervalMs: 10, backoffMs: { initial: 50, max: 200 } });
    expect(() =>
      r.tokenRejected({ cause: 'revoked', token_ref: 'jti-1', client_id: 'agent' }),
    ).not.toThrow();
    r.resourceUpdated({ name: 'Notes', tools: [{ name: 'search', required_scopes: ['n:r'] }] });
    await until(() => r.stats.sent === 2);
    expect(r.stats.failedAttempts).toBe(3);
    expect(hub.seen.map((s) => s.status)).toEqual([503, 503, 503, 202]);
    const times = hub.seen.map((s) => s.headers['webhook-timestamp']);
    expect(times).toHaveLength(4);
    expect(hub.batches[0]!.map((e) => e.type)).toEqual(['token.rejected', 'resource.updated']);
  });

  it('with the hub unreachable: reporting stays instant, memory bounded, the oldest dropped and counted', async () => {
    const hub = await startHub(() => 202);
    const url = hub.url;
    await hub.close();
    const r = reporter(url, {
      flushIntervalMs: 5,
      maxQueue: 50,
      backoffMs: { initial: 20, max: 40 },
    });
    const started = performance.now();
    for (let i = 0; i < 1000; i++)
      r.toolInvoked({ tool: `t${i}`, client_id: 'agent', outcome: 'ok' });
    expect(performance.now() - started).toBeLessThan(500);
    expect(r.stats.dropped).toBe(950);
    expect(r.stats.queued).toBe(50);
    await until(() => r.stats.failedAttempts >= 2);
    expect(r.stats.sent).toBe(0);
  });

  it('a batch the hub refuses as invalid is counted and not retried forever', async () => {
    const hub = await startHub(() => 422);
    closers.push(hub.close);
    const r = reporter(hub.url, { flushIntervalMs: 5 });
    r.report('tool.invoked', { tool: 'x' });
    await until(() => r.stats.refused === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hub.seen).toHaveLength(1);
    expect(r.stats.queued).toBe(0);
  });

  it('makes events the hub’s ingestion accepts, every type of them', async () => {
    const hub = await startHub(() => 202);
    closers.push(hub.close);
    const r = reporter(hub.url, { flushIntervalMs: 5 });
    r.toolInvoked({
      tool: 'search',
      client_id: 'https://agent.example/client.json',
      outcome: 'error',
      sub: 'u-1',
      token_ref: 'jti-1',
      scopes: ['notes:read'],
      duration_ms: 12,
    });
    r.toolDenied({ tool: 'search', client_id: 'a', required_scopes: ['n:w'], granted_scopes: [] });
    for (const cause of ['missing', 'revoked', 'expired'] as const) r.tokenRejected({ cause });
    r.resourceUpdated({
      name: 'Notes',
      scopes_supported: ['notes:read'],
      scope_descriptions: { 'notes:read': 'Read your notes' },
      tools: [{ name: 'search', description: 'Searches', required_scopes: ['notes:read'] }],
    });
    await until(() => r.stats.sent === 6);
    const result = validateEvents(hub.batches.flat(), {
      kind: 'mcp_server',
      issuer: null,
      resources: ['https://mcp.example/mcp'],
    });
    expect(result).toMatchObject({ ok: true });
  });
});
