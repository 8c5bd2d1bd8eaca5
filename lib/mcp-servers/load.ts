import type { Executor } from '@/db/client';
import {
  getMcpServer,
  listAccessFacts,
  listMcpServers,
  listScopeCatalog,
  listTools,
  type McpServerView,
  type ToolRow,
} from '@/db/queries/mcp-servers';
import { accessMatrix, type AccessRow } from './access';

/** An MCP server with its catalog (tools, scope descriptions) and its access matrix. */
export type ServerWithAccess = {
  server: McpServerView;
  tools: ToolRow[];
  /** scope → the server's plain-language description */
  scopes: Map<string, string | null>;
  /** every agent that can call a tool or has called one, most calls first */
  access: AccessRow[];
};

/** Most calls first, then most tools within reach, then by name: whom to look at first. */
export function byActivity(a: AccessRow, b: AccessRow): number {
  return (
    b.calls - a.calls ||
    b.callable - a.callable ||
    a.agent.name.localeCompare(b.agent.name) ||
    a.agent.id.localeCompare(b.agent.id)
  );
}

async function withCatalogAndAccess(
  db: Executor,
  orgId: string,
  servers: McpServerView[],
  now: Date,
): Promise<ServerWithAccess[]> {
  const ids = servers.map((s) => s.id);
  const [tools, catalog, facts] = await Promise.all([
    listTools(db, orgId, ids),
    listScopeCatalog(db, orgId, ids),
    listAccessFacts(
      db,
      orgId,
      servers.map((s) => s.resource),
      now,
    ),
  ]);
  return servers.map((server) => {
    const own = tools.filter((t) => t.serverId === server.id);
    return {
      server,
      tools: own,
      scopes: new Map(
        catalog.filter((c) => c.serverId === server.id).map((c) => [c.scope, c.description]),
      ),
      access: accessMatrix({
        resource: server.resource,
        tools: own,
        agents: facts.agents,
        grants: facts.grants,
        usage: facts.usage,
        now,
      }).sort(byActivity),
    };
  });
}

/** One page of servers for the console's list, each with its catalog and access. */
export async function loadServerPage(
  db: Executor,
  orgId: string,
  options: { q?: string; limit: number; offset: number; now: Date },
) {
  const servers = await listMcpServers(db, orgId, options);
  return withCatalogAndAccess(db, orgId, servers, options.now);
}

/** One server with its catalog and access, or null when the org has no such server. */
export async function loadServer(db: Executor, orgId: string, serverId: string, now: Date) {
  const server = await getMcpServer(db, orgId, serverId);
  if (!server) return null;
  const [one] = await withCatalogAndAccess(db, orgId, [server], now);
  return one!;
}
