import type { MyConsent, RecentCall } from '@/db/queries/account';
import { isLocalhostOnly, isLoopback } from '@/lib/agents/hosts';

/** One agent acting for me, with its consents on each MCP server and what it did lately. */
export type MyAgent = {
  agentId: string;
  name: string;
  clientId: string;
  logoUri: string | null;
  verificationStatus: MyConsent['verificationStatus'];
  /** where sign-in sends people back to, in words: "Returns to app.example", "Runs on your computer" */
  returnsTo: string;
  consents: MyConsent[];
  grantedAt: Date;
  lastUsedAt: Date | null;
  recent: RecentCall[];
};

/** Where the agent sends people back to after sign-in: a real host before a loopback one. */
export function redirectHostOf(uris: readonly string[]): string | null {
  const hosts = uris.flatMap((uri) => {
    try {
      return [{ host: new URL(uri).host, loopback: isLoopback(uri) }];
    } catch {
      return []; // not a URL
    }
  });
  return (hosts.find((h) => !h.loopback) ?? hosts[0])?.host ?? null;
}

function returnsToOf(uris: readonly string[]): string {
  if (isLocalhostOnly(uris)) return 'Runs on your computer';
  const host = redirectHostOf(uris);
  return host ? `Returns to ${host}` : 'No redirect address registered';
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
      returnsTo: returnsToOf(c.redirectUris),
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

/** resource URL → the server's name, for "Used create_issue on Acme Tracker". */
export function serverNamesOf(consents: readonly MyConsent[]): Map<string, string> {
  return new Map(consents.flatMap((c) => (c.resource ? [[c.resource, serverLabel(c)]] : [])));
}
