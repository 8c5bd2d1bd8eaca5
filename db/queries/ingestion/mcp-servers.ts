import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../client';
import { mcpServers } from '../../schema';
import { jsonRows, uuidArray } from './bulk';

export async function loadCatalogVersions(tx: Executor, orgId: string, resources: string[]) {
  if (resources.length === 0) return [];
  return tx
    .select({
      resource: mcpServers.resource,
      catalogTime: mcpServers.catalogTime,
      catalogHash: mcpServers.catalogHash,
    })
    .from(mcpServers)
    .where(and(eq(mcpServers.orgId, orgId), inArray(mcpServers.resource, resources)));
}

export type ServerCatalog = {
  name: string;
  authorizationServers: string[];
  scopesSupported: string[];
  catalogTime: Date;
  catalogHash: string;
  sourceId: string;
};

export type ServerFacts = { resource: string; lastEventAt: Date; catalog: ServerCatalog | null };

/**
 * Servers seen in the batch; a catalog is written only where the caller found it newer. A
 * statement, so that a batch without catalogs can run it together with other writes.
 */
export function serversStatement(orgId: string, facts: readonly ServerFacts[]): SQL | null {
  if (facts.length === 0) return null;
  const rows = facts.map((f) => ({
    resource: f.resource,
    lastEventAt: f.lastEventAt,
    ...f.catalog,
  }));
  return sql`
    insert into mcp_servers as m (org_id, resource, name, source_id, authorization_servers,
      scopes_supported, catalog_time, catalog_hash, last_event_at)
    select ${orgId}::uuid, x.resource, x.name, x."sourceId",
      coalesce(x."authorizationServers", '{}'), coalesce(x."scopesSupported", '{}'),
      x."catalogTime", x."catalogHash", x."lastEventAt"
    from jsonb_to_recordset(${jsonRows(rows)}) as x(resource text, name text, "sourceId" uuid,
      "authorizationServers" text[], "scopesSupported" text[], "catalogTime" timestamptz,
      "catalogHash" text, "lastEventAt" timestamptz)
    order by x.resource
    on conflict (org_id, resource) do update set
      name = case when excluded.catalog_time is null then m.name else excluded.name end,
      source_id = case when excluded.catalog_time is null then m.source_id else excluded.source_id end,
      authorization_servers = case when excluded.catalog_time is null
        then m.authorization_servers else excluded.authorization_servers end,
      scopes_supported = case when excluded.catalog_time is null
        then m.scopes_supported else excluded.scopes_supported end,
      catalog_time = coalesce(excluded.catalog_time, m.catalog_time),
      catalog_hash = coalesce(excluded.catalog_hash, m.catalog_hash),
      last_event_at = greatest(m.last_event_at, excluded.last_event_at),
      updated_at = now()
    returning id, resource`;
}

export async function upsertServers(
  tx: Executor,
  orgId: string,
  facts: readonly ServerFacts[],
): Promise<{ id: string; resource: string }[]> {
  const statement = serversStatement(orgId, facts);
  return statement ? rowsOf<{ id: string; resource: string }>(await tx.execute(statement)) : [];
}

export type CatalogEntries = {
  serverId: string;
  tools: { name: string; description: string | null; requiredScopes: string[] }[];
  scopes: { scope: string; description: string | null }[];
};

/** Makes the servers' tools and scope descriptions exactly those of their newest catalog. */
export async function replaceCatalogEntries(
  tx: Executor,
  orgId: string,
  entries: readonly CatalogEntries[],
): Promise<void> {
  if (entries.length === 0) return;
  const ids = entries.map((e) => e.serverId);
  const tools = entries.flatMap((e) => e.tools.map((t) => ({ serverId: e.serverId, ...t })));
  const scopes = entries.flatMap((e) => e.scopes.map((s) => ({ serverId: e.serverId, ...s })));
  await tx.execute(sql`delete from mcp_tools where server_id = any(${uuidArray(ids)})`);
  await tx.execute(sql`delete from scope_catalog where server_id = any(${uuidArray(ids)})`);
  if (tools.length > 0) {
    await tx.execute(sql`
      insert into mcp_tools (org_id, server_id, name, description, required_scopes)
      select ${orgId}::uuid, x."serverId", x.name, x.description, x."requiredScopes"
      from jsonb_to_recordset(${jsonRows(tools)}) as x("serverId" uuid, name text,
        description text, "requiredScopes" text[])`);
  }
  if (scopes.length > 0) {
    await tx.execute(sql`
      insert into scope_catalog (org_id, server_id, scope, description)
      select ${orgId}::uuid, x."serverId", x.scope, x.description
      from jsonb_to_recordset(${jsonRows(scopes)}) as x("serverId" uuid, scope text,
        description text)`);
  }
}
