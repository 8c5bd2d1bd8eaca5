import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A server's revocation webhook: verifies each push with the official Standard Webhooks library
 * and the source's secret, keeps what it got (by webhook-id) and answers `status`.
 */
export async function startRevocationReceiver(status: number) {
  let secret = '';
  const received: { id: string; event: { type: string; data: { seq: string } } }[] = [];
  let refused = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const headers = {
          'webhook-id': String(req.headers['webhook-id']),
          'webhook-timestamp': String(req.headers['webhook-timestamp']),
          'webhook-signature': String(req.headers['webhook-signature']),
        };
        const event = new Webhook(secret).verify(Buffer.concat(chunks), headers);
        received.push({ id: headers['webhook-id'], event: event as (typeof received)[0]['event'] });
        res.writeHead(status).end(status >= 300 ? 'temporarily down for maintenance' : '');
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
    received,
    refused: () => refused,
    useSecret: (value: string) => (secret = value),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
