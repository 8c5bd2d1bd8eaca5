import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns';
import { orgs } from './orgs';

/** An MCP server (protected resource), known by its canonical resource URI. */
export const mcpServers = pgTable(
  'mcp_servers',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    resource: text('resource').notNull(),
    name: text('name'),
    sourceId: uuid('source_id'),
    authorizationServers: text('authorization_servers').array().notNull().default([]),
    scopesSupported: text('scopes_supported').array().notNull().default([]),
    /** time of the event the catalog was last taken from: an older event never overwrites it */
    catalogTime: ts('catalog_time'),
    /** SHA-256 of that event's catalog: settles two catalogs of the same time the same way always */
    catalogHash: text('catalog_hash'),
    lastEventAt: ts('last_event_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('mcp_servers_resource_key').on(t.orgId, t.resource)],
);

export const mcpTools = pgTable(
  'mcp_tools',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    serverId: uuid('server_id')
      .notNull()
      .references(() => mcpServers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    requiredScopes: text('required_scopes').array().notNull().default([]),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('mcp_tools_name_key').on(t.serverId, t.name)],
);

/** Scope → plain-language description, as an MCP server published it; shown to end users. */
export const scopeCatalog = pgTable(
  'scope_catalog',
  {
    id: id(),
    orgId: uuid('org_id').notNull(),
    serverId: uuid('server_id')
      .notNull()
      .references(() => mcpServers.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    description: text('description'),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('scope_catalog_scope_key').on(t.serverId, t.scope),
    index('scope_catalog_org_scope_idx').on(t.orgId, t.scope),
  ],
);

export type McpServer = typeof mcpServers.$inferSelect;
