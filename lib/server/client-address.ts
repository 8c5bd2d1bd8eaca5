import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
/** Reverse proxies whose X-Forwarded-For the hub believes (HUB_TRUSTED_PROXIES). */
export type TrustedProxies = readonly (readonly [Address, number])[];

/**
 * An address as a client or a proxy writes it: IPv4 in four decimal parts (not `127.1` or hex,
 * which ipaddr.js also accepts), IPv6 with an optional zone or brackets and port, IPv4 with a
 * port. IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack socket reports) becomes plain IPv4,
 * so one client has one address in the throttles and the audit trail.
 */
export function parseAddress(raw: string): Address | null {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%[\w.-]+$/, '');
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/**
 * Reads HUB_TRUSTED_PROXIES: comma-separated CIDRs (a bare address means just that one). Throws
 * an Error saying which entry is wrong; lib/config/env.ts names the variable.
 */
export function parseTrustedProxies(value: string): TrustedProxies {
  const ranges: (readonly [Address, number])[] = [];
  for (const entry of value.split(',').map((e) => e.trim())) {
    if (!entry) continue;
    const [host = '', bits, ...rest] = entry.split('/');
    const address = rest.length === 0 ? parseAddress(host) : null;
    const max = host.includes(':') ? 128 : 32;
    const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    const plain = /^[0-9a-fA-F:.]+$/.test(host) && !/^[\d.]+:\d+$/.test(host);
    // `::ffff:10.0.0.0/104` was parsed as IPv4: its prefix counted the 96 mapping bits too, and a
    // shorter one would reach past the mapped addresses.
    const mapped = address?.kind() === 'ipv4' && max === 128;
    if (!address || !plain || !(prefix >= (mapped ? 96 : 0) && prefix <= max)) {
      throw new Error(
        `must be comma-separated CIDRs such as 10.0.0.0/8 or fd00::/8 (got "${entry}")`,
      );
    }
    ranges.push([address, mapped ? prefix - 96 : prefix]);
  }
  return ranges;
}

function trusted(address: Address, proxies: TrustedProxies): boolean {
  return proxies.some(
    ([range, bits]) => range.kind() === address.kind() && address.match(range, bits),
  );
}

/**
 * The client's address for throttling and the audit trail: the socket's, unless that is a trusted
 * proxy; then X-Forwarded-For read from the right (each proxy appends its peer), skipping trusted
 * hops, up to the first address that is not trusted. Anything left of that was written by the
 * client and proves nothing. An entry that is no address stops the walk at the last trusted hop.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  proxies: TrustedProxies,
): string {
  const socket = socketAddress ? parseAddress(socketAddress) : null;
  if (!socket) return socketAddress ?? '';
  let client = socket;
  if (proxies.length > 0 && trusted(socket, proxies)) {
    const hops = [forwardedFor ?? []].flat().join(',').split(',');
    for (let i = hops.length - 1; i >= 0 && trusted(client, proxies); i--) {
      if (!hops[i]!.trim()) continue;
      const hop = parseAddress(hops[i]!);
      if (!hop) break;
      client = hop;
    }
  }
  return client.toString();
}

/**
 * Writes `x-hub-client-ip`, which lib/auth/session.ts's clientIp() reads, over any copy the client
 * sent: only this server says where a request came from.
 */
export function stampClientAddress(req: IncomingMessage, proxies: TrustedProxies): void {
  req.headers['x-hub-client-ip'] = clientAddress(
    req.socket.remoteAddress,
    req.headers['x-forwarded-for'],
    proxies,
  );
}
