/**
 * Hosts a browser must never be pointed at from third-party metadata: loopback, private,
 * link-local and other non-public addresses, and names that only resolve inside a network. An
 * agent's logo_uri naming one of these would make every console visitor's browser probe the
 * visitor's own machine or intranet; the hub itself never fetches such URLs at all.
 */

const privateSuffixes = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.intranet'];

function ipv4Octets(host: string): number[] | null {
  const match = host.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

function isPublicIpv4([a, b]: number[]): boolean {
  if (a === 0 || a === 10 || a === 127) return false; // "this network", private, loopback
  if (a === 100 && b! >= 64 && b! <= 127) return false; // carrier-grade NAT
  if (a === 169 && b === 254) return false; // link-local (cloud metadata services)
  if (a === 172 && b! >= 16 && b! <= 31) return false;
  if (a === 192 && (b === 168 || b === 0)) return false;
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  return a! < 224; // multicast and reserved
}

/** The hextets of an IPv6 literal as the WHATWG URL parser writes it (compressed, lower case). */
function ipv6Hextets(host: string): number[] | null {
  if (!host.includes(':')) return null;
  const [head = '', tail = ''] = host.split('::');
  const part = (s: string) => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const left = part(head);
  const right = host.includes('::') ? part(tail) : [];
  const fill = host.includes('::') ? 8 - left.length - right.length : 0;
  const all = [...left, ...Array<number>(Math.max(fill, 0)).fill(0), ...right];
  return all.length === 8 && all.every((h) => Number.isInteger(h) && h >= 0 && h <= 0xffff)
    ? all
    : null;
}

function isPublicIpv6(hextets: number[]): boolean {
  const first = hextets[0]!;
  // Only global unicast (2000::/3) is public; that leaves out ::, ::1, IPv4-mapped ::ffff:0:0/96,
  // unique-local fc00::/7, link-local fe80::/10 and multicast. 6to4 (2002::/16) embeds any IPv4.
  return first >= 0x2000 && first <= 0x3fff && first !== 0x2002;
}

/** Whether a URL's hostname (as `new URL(…).hostname` gives it) is an address on the internet. */
export function isPublicHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (!host || host === 'localhost') return false;
  const v4 = ipv4Octets(host);
  if (v4) return isPublicIpv4(v4);
  const v6 = ipv6Hextets(host);
  if (v6) return isPublicIpv6(v6);
  // A single-label name (https://router/) only resolves on a local network.
  if (!host.includes('.')) return false;
  return !privateSuffixes.some((suffix) => host.endsWith(suffix));
}
