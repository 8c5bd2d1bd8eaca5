import type { Tx } from '@/db/client';
import type { SQL } from 'drizzle-orm';
import {
  loadCatalogVersions,
  replaceCatalogEntries,
  serversStatement,
  upsertServers,
  type CatalogEntries,
  type ServerFacts,
} from '@/db/queries/ingestion/mcp-servers';
import { canonicalHash, compareKeys, compareText } from '@/lib/order-keys';
import type { Batch, Item } from '../batch';
import { later } from './identities';

type Catalog = {
  name: string;
  authorizationServers: string[];
  scopesSupported: string[];
  scopeDescriptions: Record<string, string>;
  tools: { name: string; description: string | null; requiredScopes: string[] }[];
};

function catalogOf(item: Item<'resource.updated'>): Catalog {
  const d = item.data;
  return {
    name: d.name,
    authorizationServers: d.authorization_servers ?? [],
    scopesSupported: d.scopes_supported ?? [],
    scopeDescriptions: d.scope_descriptions ?? {},
    tools: (d.tools ?? []).map((t) => ({
      name: t.name,
      description: t.description ?? null,
      requiredScopes: t.required_scopes ?? [],
    })),
  };
}

function entriesOf(serverId: string, catalog: Catalog): CatalogEntries {
  const scopes = [
    ...new Set([...catalog.scopesSupported, ...Object.keys(catalog.scopeDescriptions)]),
  ].sort(compareText);
  return {
    serverId,
    tools: catalog.tools,
    scopes: scopes.map((scope) => ({
      scope,
      description: catalog.scopeDescriptions[scope] ?? null,
    })),
  };
}

/**
 * MCP servers, created when first named by one of their own events. A resource.updated is a
 * whole catalog (absent lists are empty); the newest by event time wins, a tie goes to the larger
 * catalog hash, so any arrival order ends with the same catalog.
 */
const serverTypes = ['resource.updated', 'tool.invoked', 'tool.denied', 'token.rejected'] as const;

/** Servers merely seen (no catalog in the batch): a write independent of the others. */
export function serverSightOf(batch: Batch): SQL | null {
  if (batch.of('resource.updated').length > 0) return null;
  const seen = new Map<string, ServerFacts>();
  for (const item of batch.of(...serverTypes)) {
    const f = seen.get(item.data.resource);
    if (f) f.lastEventAt = later(f.lastEventAt, item.time)!;
    else
      seen.set(item.data.resource, {
        resource: item.data.resource,
        lastEventAt: item.time,
        catalog: null,
      });
  }
  return serversStatement(batch.orgId, [...seen.values()]);
}

export async function projectMcpServers(tx: Tx, batch: Batch): Promise<void> {
  if (batch.of('resource.updated').length === 0) return;
  const items = batch.of(...serverTypes);
  const facts = new Map<string, ServerFacts & { full?: Catalog }>();
  for (const item of items) {
    const resource = item.data.resource;
    const f = facts.get(resource) ?? { resource, lastEventAt: item.time, catalog: null };
    f.lastEventAt = later(f.lastEventAt, item.time)!;
    facts.set(resource, f);
    if (item.type !== 'resource.updated') continue;
    const full = catalogOf(item as Item<'resource.updated'>);
    const candidate = {
      name: full.name,
      authorizationServers: full.authorizationServers,
      scopesSupported: full.scopesSupported,
      catalogTime: item.time,
      catalogHash: canonicalHash(full),
      sourceId: batch.source.id,
    };
    const current = f.catalog;
    if (
      !current ||
      compareKeys(
        [candidate.catalogTime, candidate.catalogHash],
        [current.catalogTime, current.catalogHash],
      ) > 0
    ) {
      f.catalog = candidate;
      f.full = full;
    }
  }
  const stored = await loadCatalogVersions(tx, batch.orgId, [...facts.keys()]);
  for (const s of stored) {
    const f = facts.get(s.resource);
    if (!f?.catalog || !s.catalogTime) continue;
    const newer =
      compareKeys(
        [f.catalog.catalogTime, f.catalog.catalogHash],
        [s.catalogTime, s.catalogHash ?? ''],
      ) > 0;
    if (!newer) {
      f.catalog = null;
      delete f.full;
    }
  }
  const rows = await upsertServers(tx, batch.orgId, [...facts.values()]);
  const entries: CatalogEntries[] = [];
  for (const row of rows) {
    const full = facts.get(row.resource)?.full;
    if (full) entries.push(entriesOf(row.id, full));
  }
  await replaceCatalogEntries(tx, batch.orgId, entries);
}
