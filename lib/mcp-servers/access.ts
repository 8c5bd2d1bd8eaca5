/**
 * Who can call what on an MCP server. An agent can call a tool when one of its active consents
 * for the server's resource (or with no resource) grants every scope the tool requires, and the
 * agent is neither suspended nor blocked (the hub has told the servers to refuse it). Pure: the
 * facts come from db/queries/mcp-servers.ts (listAccessFacts).
 */

/** A call within this many days marks a cell "used recently". */
export const RECENT_USE_DAYS = 7;

export type AccessAgent = { id: string; name: string; clientId: string; status: string };
export type AccessGrant = { agentId: string; resource: string | null; scopes: string[] };
export type AccessUsage = {
  agentId: string;
  resource: string;
  tool: string;
  calls: number;
  denied: number;
  lastUsedAt: Date | null;
};
export type AccessTool = { name: string; requiredScopes: string[] };

export type AccessCell = {
  canCall: boolean;
  calls: number;
  denied: number;
  lastUsedAt: Date | null;
  usedRecently: boolean;
};

export type AccessRow = {
  agent: AccessAgent;
  /** how many of the server's tools it can call */
  callable: number;
  calls: number;
  lastUsedAt: Date | null;
  cells: Map<string, AccessCell>;
};

const stopped = new Set(['suspended', 'blocked']);

/** Whether one of the scope sets (one per consent) holds every required scope. */
export function grantsAll(scopeSets: readonly (readonly string[])[], required: readonly string[]) {
  return scopeSets.some((set) => required.every((scope) => set.includes(scope)));
}

const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * The access matrix of one server: a row per agent that holds a consent for it (or for no
 * resource) or has used it, with a cell per tool. Rows come in the order of `agents`.
 */
export function accessMatrix(input: {
  resource: string;
  tools: AccessTool[];
  agents: AccessAgent[];
  grants: AccessGrant[];
  usage: AccessUsage[];
  now: Date;
}): AccessRow[] {
  const recentFrom = input.now.getTime() - RECENT_USE_DAYS * 86_400_000;
  const scopeSets = new Map<string, string[][]>();
  for (const g of input.grants) {
    if (g.resource !== null && g.resource !== input.resource) continue;
    const sets = scopeSets.get(g.agentId) ?? [];
    sets.push(g.scopes);
    scopeSets.set(g.agentId, sets);
  }
  const usage = new Map<string, AccessUsage>();
  // per agent, every call on the server, also of tools no longer in its catalog
  const totals = new Map<string, { calls: number; lastUsedAt: Date | null }>();
  for (const u of input.usage) {
    if (u.resource !== input.resource) continue;
    usage.set(`${u.agentId} ${u.tool}`, u);
    const t = totals.get(u.agentId) ?? { calls: 0, lastUsedAt: null };
    t.calls += u.calls;
    t.lastUsedAt = later(t.lastUsedAt, u.lastUsedAt);
    totals.set(u.agentId, t);
  }
  const rows: AccessRow[] = [];
  for (const agent of input.agents) {
    const sets = scopeSets.get(agent.id);
    const total = totals.get(agent.id);
    if (!sets && !total) continue;
    const allowed = !stopped.has(agent.status);
    const row: AccessRow = {
      agent,
      callable: 0,
      calls: total?.calls ?? 0,
      lastUsedAt: total?.lastUsedAt ?? null,
      cells: new Map(),
    };
    for (const tool of input.tools) {
      const u = usage.get(`${agent.id} ${tool.name}`);
      const canCall = allowed && grantsAll(sets ?? [], tool.requiredScopes);
      const lastUsedAt = u?.lastUsedAt ?? null;
      row.cells.set(tool.name, {
        canCall,
        calls: u?.calls ?? 0,
        denied: u?.denied ?? 0,
        lastUsedAt,
        usedRecently: Boolean(lastUsedAt && lastUsedAt.getTime() >= recentFrom && u!.calls > 0),
      });
      if (canCall) row.callable++;
    }
    rows.push(row);
  }
  return rows;
}
