import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outboundPost, type Resolve } from './request';

type Receiver = { port: number; connections: number; requests: IncomingMessage[] };

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

/** A server on loopback that counts every connection made to it, answering `status`. */
async function receiver(status = 204, silent = false): Promise<Receiver> {
  const state: Receiver = { port: 0, connections: 0, requests: [] };
  const server = createServer((req, res) => {
    state.requests.push(req);
    req.resume();
    if (!silent) req.on('end', () => res.writeHead(status, { location: '/elsewhere' }).end('x'));
  });
  server.on('connection', () => state.connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.port = (server.address() as AddressInfo).port;
  return state;
}

/** A resolver playing a DNS that answers what the attacker wants for every name. */
const dnsAnswering =
  (...addresses: string[]): Resolve =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const request = { body: '{"a":1}', headers: { 'content-type': 'application/json' } };
const options = { timeoutMs: 2_000 };

describe('outboundPost', () => {
  it('posts to an allowed target and answers its status, following no redirect', async () => {
    const target = await receiver(307);
    const answer = await outboundPost(`http://127.0.0.1:${target.port}/hook?x=1`, request, {
      ...options,
      allowPrivate: true,
    });
    expect(answer).toEqual({ status: 307 });
    expect(target.requests.map((r) => [r.method, r.url])).toEqual([['POST', '/hook?x=1']]);
  });

  it('refuses a loopback address without the allowance and never connects', async () => {
    const target = await receiver();
    for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]', '0.0.0.0']) {
      await expect(
        outboundPost(`http://${host}:${target.port}/`, request, {
          ...options,
          allowPrivate: false,
        }),
        host,
      ).rejects.toThrow(/^refused: (private|special-purpose) address$/);
    }
    expect(target.connections).toBe(0);
  });

  it('takes the allowance from HUB_ALLOW_PRIVATE_TARGETS when not given', async () => {
    const target = await receiver();
    const url = `http://127.0.0.1:${target.port}/`;
    vi.stubEnv('HUB_ALLOW_PRIVATE_TARGETS', '');
    await expect(outboundPost(url, request, options)).rejects.toThrow('refused: private address');
    vi.stubEnv('HUB_ALLOW_PRIVATE_TARGETS', '1');
    expect(await outboundPost(url, request, options)).toEqual({ status: 204 });
  });

  it('refuses at connect time a public-looking name that resolves to a private address', async () => {
    const target = await receiver();
    for (const resolve of [
      dnsAnswering('127.0.0.1'),
      dnsAnswering('93.184.216.34', '127.0.0.1'),
      dnsAnswering('::ffff:127.0.0.1'),
    ]) {
      await expect(
        outboundPost(`http://hooks.public.example:${target.port}/`, request, {
          ...options,
          allowPrivate: false,
          resolve,
        }),
      ).rejects.toThrow('refused: private address');
    }
    expect(target.connections).toBe(0);
  });

  it('connects to the address it checked, with the name as Host', async () => {
    const target = await receiver();
    let lookups = 0;
    const resolve: Resolve = async () => [{ address: '127.0.0.1', family: 4 }].slice(0, ++lookups);
    await outboundPost(`http://receiver.example:${target.port}/in`, request, {
      ...options,
      allowPrivate: true,
      resolve,
    });
    expect(lookups).toBe(1);
    expect(target.requests[0]?.headers.host).toBe(`receiver.example:${target.port}`);
  });

  it('keeps metadata services refused even with the allowance', async () => {
    const allowed = { ...options, allowPrivate: true };
    let looked = false;
    const resolve: Resolve = async () => {
      looked = true;
      return [{ address: '169.254.169.254', family: 4 }];
    };
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://100.100.100.200/latest/meta-data/',
    ])
      await expect(outboundPost(url, request, allowed), url).rejects.toThrow(
        'refused: cloud metadata address',
      );
    await expect(
      outboundPost('http://metadata.google.internal/computeMetadata/v1/', request, {
        ...allowed,
        resolve,
      }),
    ).rejects.toThrow('refused: cloud metadata address');
    expect(looked).toBe(false);
    await expect(
      outboundPost('http://rebound.example/', request, { ...allowed, resolve }),
    ).rejects.toThrow('refused: cloud metadata address');
  });

  it('refuses other schemes and credentials in the URL', async () => {
    for (const url of ['ftp://a.example/x', 'file:///etc/passwd', 'http://u:p@a.example/', 'nope'])
      await expect(outboundPost(url, request, options), url).rejects.toThrow(
        'refused: not a plain http(s) URL',
      );
  });

  it('names each failure with a short fixed line', async () => {
    const allowed = { allowPrivate: true, timeoutMs: 300 };
    const silent = await receiver(204, true);
    await expect(
      outboundPost(`http://127.0.0.1:${silent.port}/`, request, allowed),
    ).rejects.toThrow('no answer within 0.3 s');
    const closed = await receiver();
    await new Promise((r) => servers.pop()!.close(r));
    await expect(
      outboundPost(`http://127.0.0.1:${closed.port}/`, request, allowed),
    ).rejects.toThrow('connection refused');
    await expect(
      outboundPost('http://nowhere.example/', request, { ...allowed, resolve: dnsAnswering() }),
    ).rejects.toThrow('host not found');
    const plain = await receiver();
    await expect(
      outboundPost(`https://127.0.0.1:${plain.port}/`, request, allowed),
    ).rejects.toThrow('TLS error');
  });
});
