import ipaddr from 'ipaddr.js';

/**
 * Which addresses the hub may call (lib/outbound/README.md). The ranges come from ipaddr.js,
 * which follows the IANA special-purpose registries, so no list of networks is kept here: only
 * `unicast` (its name for "none of the special ranges") is public.
 */

/** Why a target is refused; each kind becomes one short line in a delivery record. */
export type Refusal = 'private' | 'metadata' | 'special';

/**
 * The ranges HUB_ALLOW_PRIVATE_TARGETS=1 opens, for on-premises installs and tests: networks of
 * one's own. Multicast, broadcast, documentation, 6to4, NAT64, Teredo and the other translated or
 * reserved ranges stay closed, since they either reach nothing or some other network's hosts.
 */
const privateRanges = new Set([
  'loopback',
  'private',
  'linkLocal',
  'uniqueLocal',
  'carrierGradeNat',
]);

/**
 * Cloud instance-metadata services: they hand out credentials to whoever asks from inside, so
 * they stay refused whatever the setting. Not ranges but single well-known service addresses
 * (AWS IMDS and ECS/EKS credentials, Azure, GCP, Oracle, Alibaba, Tencent); ipaddr.js has no
 * list of them. Some are public addresses (Azure's wire server), hence the separate check.
 */
const metadataAddresses = new Set([
  '169.254.169.254',
  '169.254.169.253',
  '169.254.169.123',
  '169.254.170.2',
  '169.254.170.23',
  '169.254.0.23',
  '168.63.129.16',
  '100.100.100.200',
  '192.0.0.192',
  'fd00:ec2::254',
  'fd00:ec2::23',
  'fd00:ec2::123',
]);

/** Names of metadata services, refused before they are looked up. */
const metadataNames = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.internal',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
]);

/** Names that only resolve inside a network, so they are private without a lookup. */
const privateSuffixes = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.intranet'];

/** A hostname as `new URL(…).hostname` writes it, without IPv6 brackets or a trailing dot. */
export function bareHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/** Whether `host` is an IP address literal (any form ipaddr.js reads, IPv6 zones included). */
export function isAddressLiteral(host: string): boolean {
  return ipaddr.isValid(bareHost(host));
}

/**
 * Why an address may not be called, or null when it may. IPv4-mapped and IPv4-compatible IPv6
 * addresses are judged as the IPv4 address they carry (ipaddr.process).
 */
export function refusalForAddress(address: string, allowPrivate: boolean): Refusal | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(bareHost(address));
  } catch {
    return 'special';
  }
  // without an IPv6 zone (fe80::1%eth0), in the compressed form the list is written in
  const canonical =
    parsed instanceof ipaddr.IPv6 ? new ipaddr.IPv6(parsed.parts).toString() : parsed.toString();
  if (metadataAddresses.has(canonical)) return 'metadata';
  const range = parsed.range();
  if (range === 'unicast') return null;
  if (privateRanges.has(range)) return allowPrivate ? null : 'private';
  return 'special';
}

/**
 * Why a URL's hostname may not be called, judged without a lookup: literals by their address,
 * metadata names always, and names that only resolve on a local network unless allowed. Other
 * names are judged once resolved, at connect time (lib/outbound/request.ts).
 */
export function refusalForHost(hostname: string, allowPrivate: boolean): Refusal | null {
  const host = bareHost(hostname);
  if (!host) return 'special';
  if (ipaddr.isValid(host)) return refusalForAddress(host, allowPrivate);
  if (metadataNames.has(host)) return 'metadata';
  const local =
    host === 'localhost' ||
    !host.includes('.') ||
    privateSuffixes.some((suffix) => host.endsWith(suffix));
  return local && !allowPrivate ? 'private' : null;
}
