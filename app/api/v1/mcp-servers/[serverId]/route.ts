import { getDb } from '@/db/client';
import { encodeKey } from '@/db/queries/keyset';
import { readCursor } from '@/lib/api/list';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { ExpectedError } from '@/lib/errors';
import { isUuid } from '@/db/queries/ids';
import { loadServer } from '@/lib/mcp-servers/load';
import { presentAccessRow, presentServer } from '@/lib/mcp-servers/present';
import { mcpServerDetailSchema, mcpServerQuerySchema } from '@/lib/mcp-servers/schemas';

export const dynamic = 'force-dynamic';

const notFound = () => new ExpectedError('not_found', 'No MCP server with this id in your org.');

/**
 * One MCP server with its catalog and its access matrix: a row per agent that can call one of its
 * tools or has called one, by name, `limit` rows after `cursor`.
 */
const one = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/mcp-servers/{serverId}',
    tag: 'MCP servers',
    summary: 'One MCP server with its access matrix: which agents can call which tools',
    access: 'read',
    query: mcpServerQuerySchema,
    response: { status: 200, schema: mcpServerDetailSchema },
    headers: { 'cache-control': 'no-store' },
    errors: [404],
  },
  async (_request, { principal, params, query }) => {
    if (!isUuid(params.serverId)) throw notFound();
    const server = await loadServer(getDb(), principal.orgId, params.serverId, new Date());
    if (!server) throw notFound();
    const byName = [...server.access].sort(
      (a, b) => a.agent.name.localeCompare(b.agent.name) || a.agent.id.localeCompare(b.agent.id),
    );
    let start = 0;
    const after = readCursor(query.cursor, ['text', 'uuid']);
    if (after) {
      const [name, id] = after;
      start = byName.findIndex(
        (r) => (r.agent.name.localeCompare(name) || r.agent.id.localeCompare(id)) > 0,
      );
      if (start < 0) start = byName.length;
    }
    const rows = byName.slice(start, start + query.limit);
    const last = rows.at(-1);
    return {
      ...presentServer(server.server, server.tools, server.scopes),
      access: {
        rule: 'An agent can call a tool when one of its active consents for this resource (or with no resource) grants every scope the tool requires, and it is neither suspended nor blocked.',
        agents: rows.map(presentAccessRow),
        total_agents: byName.length,
        next_cursor:
          start + query.limit < byName.length && last
            ? encodeKey([last.agent.name, last.agent.id])
            : null,
      },
    };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(one);
