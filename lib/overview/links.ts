/**
 * Where the overview's numbers and items lead: the console's filtered lists. Kept in one place so
 * the overview follows when a list's URL parameters change.
 */

export const overviewLinks = {
  agents: () => '/agents',
  agentsWithStatus: (status: string) => `/agents?status=${encodeURIComponent(status)}`,
  agent: (agentId: string) => `/agents/${agentId}`,
  activeConsents: () => '/consents?status=active',
  activeTokens: () => '/tokens?state=active',
  /** the audit trail since `after`, optionally with one outcome or one type */
  audit: (filter: { after: Date; outcome?: string; type?: string }) => {
    const params = new URLSearchParams();
    if (filter.type) params.set('type', filter.type);
    if (filter.outcome) params.set('outcome', filter.outcome);
    params.set('after', filter.after.toISOString());
    return `/audit?${params.toString()}`;
  },
  mcpServer: (serverId: string) => `/mcp-servers/${serverId}`,
};
