import type { McpServerView, ToolRow } from '@/db/queries/mcp-servers';
import type { AccessRow } from './access';

/** MCP servers as the management API answers them (snake_case, ISO times). */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentServer(
  server: McpServerView,
  tools: ToolRow[],
  scopes: Map<string, string | null>,
) {
  return {
    id: server.id,
    name: server.name,
    resource: server.resource,
    authorization_servers: server.authorizationServers,
    scopes_supported: server.scopesSupported,
    last_event_at: iso(server.lastEventAt),
    catalog_updated_at: iso(server.catalogTime),
    tools: tools.map((t) => ({
      name: t.name,
      description: t.description,
      required_scopes: t.requiredScopes,
    })),
    scopes: [...scopes].map(([scope, description]) => ({ scope, description })),
  };
}

/** One agent's row of the access matrix: the tools it can call and the ones it has called. */
export function presentAccessRow(row: AccessRow) {
  const cells = [...row.cells];
  return {
    agent: {
      id: row.agent.id,
      name: row.agent.name,
      client_id: row.agent.clientId,
      status: row.agent.status,
    },
    callable_tools: cells.filter(([, c]) => c.canCall).map(([tool]) => tool),
    used_tools: cells
      .filter(([, c]) => c.calls > 0 || c.denied > 0)
      .map(([tool, c]) => ({
        tool,
        calls: c.calls,
        denied: c.denied,
        last_used_at: iso(c.lastUsedAt),
        used_recently: c.usedRecently,
        can_call: c.canCall,
      })),
    calls: row.calls,
    last_used_at: iso(row.lastUsedAt),
  };
}
