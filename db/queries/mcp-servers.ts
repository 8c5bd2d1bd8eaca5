import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { mcpServers, mcpTools, scopeCatalog } from '../schema';

/** Every MCP server of the org with its tools and scope descriptions. */
export async function listMcpServersWithCatalog(db: Executor, orgId: string) {
  const servers = await db
    .select({
      id: mcpServers.id,
      resource: mcpServers.resource,
      name: mcpServers.name,
      lastEventAt: mcpServers.lastEventAt,
      scopesSupported: mcpServers.scopesSupported,
    })
    .from(mcpServers)
    .where(eq(mcpServers.orgId, orgId))
    .orderBy(asc(mcpServers.name));
  const ids = servers.map((s) => s.id);
  if (!ids.length) return [];
  const [tools, scopes] = await Promise.all([
    db
      .select({
        serverId: mcpTools.serverId,
        name: mcpTools.name,
        description: mcpTools.description,
        requiredScopes: mcpTools.requiredScopes,
      })
      .from(mcpTools)
      .where(inArray(mcpTools.serverId, ids))
      .orderBy(asc(mcpTools.name)),
    db
      .select({
        serverId: scopeCatalog.serverId,
        scope: scopeCatalog.scope,
        description: scopeCatalog.description,
      })
      .from(scopeCatalog)
      .where(inArray(scopeCatalog.serverId, ids))
      .orderBy(asc(scopeCatalog.scope)),
  ]);
  return servers.map((s) => ({
    ...s,
    tools: tools.filter((t) => t.serverId === s.id),
    scopes: scopes.filter((c) => c.serverId === s.id),
  }));
}
