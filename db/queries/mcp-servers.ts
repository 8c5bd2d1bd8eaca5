import { and, asc, eq, gt, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, consents, mcpServers, mcpTools, scopeCatalog, toolUsage } from '../schema';

/** An MCP server as lists and the API show it. */
export const serverColumns = {
  id: mcpServers.id,
  resource: mcpServers.resource,
  name: mcpServers.name,
  authorizationServers: mcpServers.authorizationServers,
  scopesSupported: mcpServers.scopesSupported,
  catalogTime: mcpServers.catalogTime,
  lastEventAt: mcpServers.lastEventAt,
  createdAt: mcpServers.createdAt,
};
export type McpServerView = NonNullable<Awaited<ReturnType<typeof getMcpServer>>>;

/** Servers sort by name (the resource URI when unnamed), then id: a stable, unique order. */
const sortKey = sql<string>`lower(coalesce(${mcpServers.name}, ${mcpServers.resource}))`;

function serverFilter(orgId: string, q?: string): SQL {
  const where = [eq(mcpServers.orgId, orgId)];
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(mcpServers.name, like), ilike(mcpServers.resource, like))!);
  }
  return and(...where)!;
}

/**
 * One page of the org's MCP servers: by offset for the console, or after a keyset cursor
 * (`after` = the sort key and id of the previous page's last row) for the API.
 */
export async function listMcpServers(
  db: Executor,
  orgId: string,
  options: { q?: string; limit: number; offset?: number; after?: { key: string; id: string } },
) {
  const where = [serverFilter(orgId, options.q)];
  if (options.after) {
    where.push(
      sql`(${sortKey}, ${mcpServers.id}) > (${options.after.key}, ${options.after.id}::uuid)`,
    );
  }
  return db
    .select({ ...serverColumns, sortKey })
    .from(mcpServers)
    .where(and(...where))
    .orderBy(sortKey, asc(mcpServers.id))
    .limit(options.limit)
    .offset(options.offset ?? 0);
}

export async function countMcpServers(db: Executor, orgId: string, q?: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mcpServers)
    .where(serverFilter(orgId, q));
  return row?.n ?? 0;
}

export async function getMcpServer(db: Executor, orgId: string, serverId: string) {
  const [row] = await db
    .select(serverColumns)
    .from(mcpServers)
    .where(and(eq(mcpServers.orgId, orgId), eq(mcpServers.id, serverId)));
  return row ?? null;
}

export type ToolRow = {
  serverId: string;
  name: string;
  description: string | null;
  requiredScopes: string[];
};

/** The tools of some servers, by name. A server publishes at most 500 (the ingestion limit). */
export async function listTools(
  db: Executor,
  orgId: string,
  serverIds: string[],
): Promise<ToolRow[]> {
  if (!serverIds.length) return [];
  return db
    .select({
      serverId: mcpTools.serverId,
      name: mcpTools.name,
      description: mcpTools.description,
      requiredScopes: mcpTools.requiredScopes,
    })
    .from(mcpTools)
    .where(and(eq(mcpTools.orgId, orgId), inArray(mcpTools.serverId, serverIds)))
    .orderBy(asc(mcpTools.name), asc(mcpTools.id));
}

/** The plain-language descriptions each server published for its scopes. */
export async function listScopeCatalog(db: Executor, orgId: string, serverIds: string[]) {
  if (!serverIds.length) return [];
  return db
    .select({
      serverId: scopeCatalog.serverId,
      scope: scopeCatalog.scope,
      description: scopeCatalog.description,
    })
    .from(scopeCatalog)
    .where(and(eq(scopeCatalog.orgId, orgId), inArray(scopeCatalog.serverId, serverIds)))
    .orderBy(asc(scopeCatalog.scope));
}

/**
 * What decides who can call the tools of some resources: the distinct scope sets of the active
 * consents per agent for each resource or for none (`resource` null), the usage per agent and
 * tool, and the agents (not deleted) that have either.
 */
export async function listAccessFacts(db: Executor, orgId: string, resources: string[], now: Date) {
  if (!resources.length) return { grants: [], usage: [], agents: [] };
  const activeGrant = and(
    eq(consents.orgId, orgId),
    eq(consents.status, 'active'),
    or(isNull(consents.expiresAt), gt(consents.expiresAt, now)),
    or(isNull(consents.resource), inArray(consents.resource, resources)),
  );
  const usageOf = and(eq(toolUsage.orgId, orgId), inArray(toolUsage.resource, resources));
  const [grants, usage, agentRows] = await Promise.all([
    db
      .selectDistinct({
        agentId: consents.agentId,
        resource: consents.resource,
        scopes: consents.scopes,
      })
      .from(consents)
      .where(activeGrant),
    db
      .select({
        agentId: toolUsage.agentId,
        resource: toolUsage.resource,
        tool: toolUsage.tool,
        // one count per scope a call relied on: the largest is the number of calls
        calls: sql<number>`max(${toolUsage.okCount} + ${toolUsage.errorCount})::float8`,
        denied: sql<number>`max(${toolUsage.deniedCount})::float8`,
        lastUsedAt: sql<Date | null>`max(${toolUsage.lastUsedAt})`.mapWith(toolUsage.lastUsedAt),
      })
      .from(toolUsage)
      .where(usageOf)
      .groupBy(toolUsage.agentId, toolUsage.resource, toolUsage.tool),
    db
      .select({
        id: agents.id,
        name: sql<string>`coalesce(${agents.clientName}, ${agents.clientId})`,
        clientId: agents.clientId,
        status: agents.verificationStatus,
      })
      .from(agents)
      .where(
        and(
          eq(agents.orgId, orgId),
          isNull(agents.deletedAt),
          or(
            inArray(
              agents.id,
              db.select({ id: consents.agentId }).from(consents).where(activeGrant),
            ),
            inArray(agents.id, db.select({ id: toolUsage.agentId }).from(toolUsage).where(usageOf)),
          ),
        ),
      ),
  ]);
  return { grants, usage, agents: agentRows };
}
export type AccessFacts = Awaited<ReturnType<typeof listAccessFacts>>;
