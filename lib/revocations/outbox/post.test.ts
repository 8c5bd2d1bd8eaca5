import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postDelivery } from './post';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
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

describe('postDelivery', () => {
  it('reads only the start of a refusal, however much the receiver sends', async () => {
    let sent = 0;
    const url = await receiver((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      // An endless answer: the attempt must end after reading a few kilobytes of it.
      const pump = () => {
        while (res.write(chunk)) {
          sent += chunk.length;
          if (sent > 256 * 1024 * 1024) return res.end();
        }
        res.once('drain', pump);
      };
      pump();
    });
    const result = await postDelivery(url, request, 5_000);
    expect(result.statusCode).toBe(500);
    expect(result.error).toMatch(/^HTTP 500: x{200}$/);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('does not follow redirects and gives up after the time limit', async () => {
    const url = await receiver((req, res) => {
      if (req.url === '/hook') {
        res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data' });
        return res.end();
      }
    });
    expect(await postDelivery(url, request)).toMatchObject({ statusCode: 307 });
    const silent = await receiver(() => {});
    expect(await postDelivery(silent, request, 300)).toMatchObject({
      statusCode: null,
      error: 'no answer within 0.3 s',
    });
  });
});
