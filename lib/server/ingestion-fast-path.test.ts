import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { ingestionSourceId, serveIngestion } from './ingestion-fast-path';

type Answer = { status: number; connection: string | undefined; body: string };

/** A raw request, so the path may carry malformed escapes and the declared length may lie. */
function post(port: number, path: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode!, connection: res.headers.connection, body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the ingestion fast path', () => {
  let database: TestDatabase;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = createServer((req, res) => {
      const sourceId = ingestionSourceId(req);
      if (sourceId === null) res.writeHead(404).end();
      else void serveIngestion(database.db, sourceId, req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await database.dispose();
  });

  it('takes a malformed escape in the source id as an unknown source, not a thrown URIError', async () => {
    const path = '/api/v1/sources/%FF%FE/events';
    expect(() => ingestionSourceId({ method: 'POST', url: path } as never)).not.toThrow();
    const answer = await post(
      port,
      path,
      { 'content-type': 'application/json' },
      Buffer.from('{}'),
    );
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 401 });
  });

  it('answers a body declared over 1 MiB with 413 and closes the connection it did not read', async () => {
    const answer = await post(
      port,
      '/api/v1/sources/00000000-0000-0000-0000-000000000000/events',
      { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) },
      Buffer.from('{}'),
    );
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe('close');
  });

  it('answers a body that turns out over 1 MiB with 413', async () => {
    const answer = await post(
      port,
      '/api/v1/sources/00000000-0000-0000-0000-000000000000/events',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      Buffer.alloc(1024 * 1024 + 10, 0x20),
    );
    // whether the parser saw its end before the answer decides keep-alive; either way an answer
    expect(answer.status).toBe(413);
  });

  it('keeps the connection of a request it read to the end', async () => {
    const answer = await post(
      port,
      '/api/v1/sources/00000000-0000-0000-0000-000000000000/events',
      { 'content-type': 'application/json' },
      Buffer.from('{}'),
    );
    expect(answer.status).toBe(401);
    expect(answer.connection).not.toBe('close');
  });
});
