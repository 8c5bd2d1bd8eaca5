import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  parseAddress,
  parseTrustedProxies,
  stampClientAddress,
} from './client-address';

const proxies = parseTrustedProxies('10.0.0.0/8,127.0.0.1/32,fd00::/8');

describe('clientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.1', [])).toBe('198.51.100.7');
    expect(clientAddress('127.0.0.1', '203.0.113.1', [])).toBe('127.0.0.1');
  });

  it('is the socket address when the socket is not a trusted proxy', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.1', proxies)).toBe('198.51.100.7');
  });

  it('takes the address a trusted proxy appended', () => {
    expect(clientAddress('10.1.2.3', '203.0.113.9', proxies)).toBe('203.0.113.9');
  });

  it('skips trusted hops from the right and ignores what the client wrote left of them', () => {
    // The client forged 1.1.1.1; the edge proxy (10.9.9.9) saw it at 203.0.113.9.
    expect(clientAddress('10.1.2.3', '1.1.1.1, 203.0.113.9, 10.9.9.9', proxies)).toBe(
      '203.0.113.9',
    );
    // Several headers count as one list, in order.
    expect(clientAddress('10.1.2.3', ['1.1.1.1, 203.0.113.9', '10.9.9.9'], proxies)).toBe(
      '203.0.113.9',
    );
  });

  it('stops at the last trusted hop when an entry is no address, or all hops are trusted', () => {
    expect(clientAddress('10.1.2.3', 'junk, 10.9.9.9', proxies)).toBe('10.9.9.9');
    expect(clientAddress('10.1.2.3', '10.9.9.9, 10.8.8.8', proxies)).toBe('10.9.9.9');
    expect(clientAddress('10.1.2.3', undefined, proxies)).toBe('10.1.2.3');
    expect(clientAddress('10.1.2.3', ' , ', proxies)).toBe('10.1.2.3');
  });

  it('reads IPv6 hops, with brackets and ports, and proxies on IPv6', () => {
    expect(clientAddress('fd00::1', '2001:db8::1', proxies)).toBe('2001:db8::1');
    expect(clientAddress('10.1.2.3', '[2001:DB8:0::2]:4711, fd00::5', proxies)).toBe('2001:db8::2');
    expect(clientAddress('10.1.2.3', '203.0.113.9:5000', proxies)).toBe('203.0.113.9');
  });

  it('treats IPv4-mapped IPv6 as IPv4, on the socket and in the header', () => {
    expect(clientAddress('::ffff:10.1.2.3', '::ffff:203.0.113.9', proxies)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:198.51.100.7', '203.0.113.9', proxies)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:198.51.100.7', undefined, [])).toBe('198.51.100.7');
  });

  it('parses only real addresses', () => {
    expect(parseAddress('127.1')).toBeNull();
    expect(parseAddress('0x7f.0.0.1')).toBeNull();
    expect(parseAddress('fe80::1%eth0')?.toString()).toBe('fe80::1');
    expect(parseAddress('not an address')).toBeNull();
  });
});

describe('stampClientAddress', () => {
  async function seenBy(trusted: string, headers: Record<string, string>) {
    const server = createServer((req, res) => {
      stampClientAddress(req, parseTrustedProxies(trusted));
      res.end(req.headers['x-hub-client-ip']);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      return await (await fetch(`http://127.0.0.1:${port}/`, { headers })).text();
    } finally {
      server.close();
    }
  }

  it('overwrites the header a client sent, and believes X-Forwarded-For only from a trusted proxy', async () => {
    const forged = { 'x-hub-client-ip': '192.0.2.66', 'x-forwarded-for': '203.0.113.9' };
    expect(await seenBy('', forged)).toBe('127.0.0.1');
    expect(await seenBy('10.0.0.0/8', forged)).toBe('127.0.0.1');
    expect(await seenBy('127.0.0.1/32', forged)).toBe('203.0.113.9');
  });
});
