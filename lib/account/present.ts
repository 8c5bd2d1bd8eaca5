import type { MyConsent, RecentCall } from '@/db/queries/account';

/** One agent acting for me, with its consents on each MCP server and what it did lately. */
export type MyAgent = {
  agentId: string;
  name: string;
  clientId: string;
  logoUri: string | null;
  verificationStatus: MyConsent['verificationStatus'];
  redirectHost: string | null;
  consents: MyConsent[];
  grantedAt: Date;
  lastUsedAt: Date | null;
  recent: RecentCall[];
};

/** The first redirect URI's host: where the agent sends people back to after sign-in. */
export function redirectHostOf(uris: readonly string[]): string | null {
  for (const uri of uris) {
    try {
      return new URL(uri).host;
    } catch {
      // not a URL: try the next one
    }
  }
  return null;
}

/** My consents grouped by agent, agents newest-granted first, each with its recent calls. */
export function groupByAgent(consents: readonly MyConsent[], recent: readonly RecentCall[]) {
  const agents = new Map<string, MyAgent>();
  for (const c of consents) {
    const found = agents.get(c.agentId);
    if (found) {
      found.consents.push(c);
      if (c.grantedAt < found.grantedAt) found.grantedAt = c.grantedAt;
      if (c.lastUsedAt && (!found.lastUsedAt || c.lastUsedAt > found.lastUsedAt)) {
        found.lastUsedAt = c.lastUsedAt;
      }
      continue;
    }
    agents.set(c.agentId, {
      agentId: c.agentId,
      name: c.agentName ?? c.clientId,
      clientId: c.clientId,
      logoUri: c.logoUri,
      verificationStatus: c.verificationStatus,
      redirectHost: redirectHostOf(c.redirectUris),
      consents: [c],
      grantedAt: c.grantedAt,
      lastUsedAt: c.lastUsedAt,
      recent: recent.filter((r) => r.agentId === c.agentId),
    });
  }
  return [...agents.values()];
}

/** "Tracker" when the server published a name, else its host. */
export function serverLabel(consent: Pick<MyConsent, 'serverName' | 'resource'>): string {
  if (consent.serverName) return consent.serverName;
  if (!consent.resource) return 'any server';
  try {
    return new URL(consent.resource).host;
  } catch {
    return consent.resource;
  }
}
