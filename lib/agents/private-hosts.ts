import { refusalForHost } from '@/lib/outbound/address-policy';

/**
 * Hosts a browser must never be pointed at from third-party metadata: loopback, private,
 * link-local and other non-public addresses, and names that only resolve inside a network. An
 * agent's logo_uri naming one of these would make every console visitor's browser probe the
 * visitor's own machine or intranet; the hub itself never fetches such URLs at all. The ranges
 * are the hub's outbound policy (lib/outbound), without HUB_ALLOW_PRIVATE_TARGETS: that setting
 * is about the hub's own network, not its visitors'.
 */
export function isPublicHost(hostname: string): boolean {
  return refusalForHost(hostname, false) === null;
}
