import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readSse, type SseEvent } from './event-stream.js';
import { RevocationSync } from './revocation-sync.js';

/** A body that delivers `chunks` (text or raw bytes) one read at a time. */
function body(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks)
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function read(chunks: (string | Uint8Array)[]) {
  const events: SseEvent[] = [];
  const retries: number[] = [];
  let activity = 0;
  await readSse(body(chunks), {
    onEvent: (e) => events.push(e),
    onActivity: () => activity++,
    onRetry: (ms) => retries.push(ms),
  });
  return { events, retries, activity };
}

describe('reading the revocation stream', () => {
  it('splits lines on a lone CR, as on LF and CRLF', async () => {
    const { events } = await read([
      'id: 1\revent: revocation\rdata: {"seq":"1"}\r\r',
      'id: 2\r\nevent: revocation\r\ndata: {"seq":"2"}\r\n\r\n',
      'id: 3\nevent: revocation\ndata: {"seq":"3"}\n\n',
    ]);
    expect(events).toEqual([
      { id: '1', event: 'revocation', data: '{"seq":"1"}' },
      { id: '2', event: 'revocation', data: '{"seq":"2"}' },
      { id: '3', event: 'revocation', data: '{"seq":"3"}' },
    ]);
  });

  it('reads a CR line ending split across chunks, and a CRLF split between its two bytes', async () => {
    const { events } = await read([
      'id: 7\r',
      'data: a\r',
      '\r',
      'id: 8\r',
      '\ndata: b\r\n\r',
      '\n',
    ]);
    expect(events).toEqual([
      { id: '7', event: 'message', data: 'a' },
      { id: '8', event: 'message', data: 'b' },
    ]);
  });

  it('delivers an event whose blank line ends on a CR at once, without waiting for more', async () => {
    expect((await read(['data: alone\r\r'])).events).toEqual([
      { id: null, event: 'message', data: 'alone' },
    ]);
    // an LF after a chunk's last CR is its pair; the one after that is a blank line of its own
    expect((await read(['data: a\r', '\n', '\n'])).events).toEqual([
      { id: null, event: 'message', data: 'a' },
    ]);
  });

  it('reports the server’s retry: in milliseconds, and ignores one that is not a number', async () => {
    const { retries, events } = await read([
      'retry: 2500\n\n',
      'retry: soon\n\n',
      ': keep-alive\n\n',
    ]);
    expect(retries).toEqual([2500]);
    expect(events).toEqual([]);
  });

  it('drops a leading byte-order mark, so the first field still counts', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const { events } = await read([bom, 'id: 4\nevent: revocation\ndata: {"seq":"4"}\n\n']);
    expect(events).toEqual([{ id: '4', event: 'revocation', data: '{"seq":"4"}' }]);
  });

  it('carries the last id over to events without one, and counts comments as activity', async () => {
    const { events, activity } = await read([
      ': connected\n\n',
      'id: 9\ndata: x\n\n',
      'data: y\n\n',
    ]);
    expect(events.map((e) => e.id)).toEqual(['9', '9']);
    expect(activity).toBe(3);
  });
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('the revocation sync on a stream with CR endings and retry:', () => {
  it('applies CR-separated entries and reconnects after the hub’s retry, not its own default', async () => {
    const connects: number[] = [];
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/api/v1/revocations?')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"items":[],"next":"0"}');
      }
      connects.push(Date.now());
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (connects.length > 1) return;
      const entry = {
        seq: '1',
        kind: 'token',
        token_ref: 'cr-1',
        revoked_at: new Date().toISOString(),
      };
      res.end(`retry: 1500\r\rid: 1\revent: revocation\rdata: ${JSON.stringify(entry)}\r\r`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    // no backoffMs: the kit's own first wait would be 0.4–0.6 s
    const sync = new RevocationSync({
      hubUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiKey: 'hubsrc_cr',
      pollIntervalMs: 60_000,
      logger: { warn: () => {} },
    });
    closers.unshift(() => sync.stop());
    await sync.start();
    const deadline = Date.now() + 5000;
    while (connects.length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(sync.set.match({ tokenRef: 'cr-1' })?.seq).toBe('1');
    expect(connects).toHaveLength(2);
    // 1.5 s with the kit's jitter of ±20 %
    expect(connects[1]! - connects[0]!).toBeGreaterThanOrEqual(1200);
  });
});
