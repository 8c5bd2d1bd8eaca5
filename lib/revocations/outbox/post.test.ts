import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postDelivery } from './post';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

/** A receiver on loopback answering with `handler`; resolves to its URL. */
function receiver(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`),
    ),
  );
}

const request = { body: '{}', headers: { 'content-type': 'application/json' } };
const loopback = { allowPrivate: true };

describe('postDelivery', () => {
  it('keeps only the status of a refusal, never what the receiver wrote', async () => {
    let sent = 0;
    const url = await receiver((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = Buffer.from('secret internal page '.repeat(3000));
      // An endless answer: the attempt must end without reading it.
      const pump = () => {
        while (res.write(chunk)) {
          sent += chunk.length;
          if (sent > 256 * 1024 * 1024) return res.end();
        }
        res.once('drain', pump);
      };
      pump();
    });
    const result = await postDelivery(url, request, 5_000, loopback);
    expect(result).toMatchObject({ statusCode: 500, error: 'HTTP 500' });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('does not follow redirects and gives up after the time limit', async () => {
    let followed = false;
    const url = await receiver((req, res) => {
      if (req.url !== '/hook') followed = true;
      res.writeHead(307, { location: '/elsewhere' });
      res.end('moved');
    });
    expect(await postDelivery(url, request, 5_000, loopback)).toMatchObject({
      statusCode: 307,
      error: 'HTTP 307',
    });
    expect(followed).toBe(false);
    const silent = await receiver(() => {});
    expect(await postDelivery(silent, request, 300, loopback)).toMatchObject({
      statusCode: null,
      error: 'no answer within 0.3 s',
    });
  });

  it('records a refused target as refused and final, without connecting', async () => {
    let connected = false;
    const url = await receiver((_req, res) => {
      connected = true;
      res.writeHead(204).end();
    });
    expect(await postDelivery(url, request, 5_000, { allowPrivate: false })).toMatchObject({
      statusCode: null,
      error: 'refused: private address',
      permanent: true,
    });
    const rebound = await postDelivery('https://hooks.public.example/in', request, 5_000, {
      allowPrivate: true,
      resolve: async () => [{ address: '169.254.169.254', family: 4 }],
    });
    expect(rebound).toMatchObject({ error: 'refused: cloud metadata address', permanent: true });
    expect(connected).toBe(false);
  });

  it('names a closed port and an unknown host as failures worth retrying', async () => {
    const url = await receiver(() => {});
    await new Promise((r) => servers.pop()!.close(r));
    expect(await postDelivery(url, request, 5_000, loopback)).toMatchObject({
      error: 'connection refused',
      permanent: false,
    });
    expect(
      await postDelivery('https://gone.example/', request, 5_000, { resolve: async () => [] }),
    ).toMatchObject({ error: 'host not found', permanent: false });
  });
});
