import { getDb } from '@/db/client';
import { listMcpServers, listScopeCatalog, listTools } from '@/db/queries/mcp-servers';
import { decodeCursor, encodeCursor, invalidCursor } from '@/lib/api/list';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { isUuid } from '@/db/queries/ids';
import { presentServer } from '@/lib/mcp-servers/present';
import { mcpServerListQuerySchema, mcpServerListSchema } from '@/lib/mcp-servers/schemas';

export const dynamic = 'force-dynamic';

const list = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/mcp-servers',
    tag: 'MCP servers',
    summary: 'MCP servers with their tools and the scopes they need',
    access: 'read',
    query: mcpServerListQuerySchema,
    response: { status: 200, schema: mcpServerListSchema },
    headers: { 'cache-control': 'no-store' },
  },
  async (_request, { principal, query }) => {
    let after: { key: string; id: string } | undefined;
    if (query.cursor) {
      const [key, id] = decodeCursor(query.cursor, 2);
      if (typeof key !== 'string' || typeof id !== 'string' || !isUuid(id)) {
        throw invalidCursor();
      }
      after = { key, id };
    }
    const db = getDb();
    const rows = await listMcpServers(db, principal.orgId, {
      q: query.q || undefined,
      limit: query.limit + 1,
      after,
    });
    const page = rows.slice(0, query.limit);
    const ids = page.map((s) => s.id);
    const [tools, catalog] = await Promise.all([
      listTools(db, principal.orgId, ids),
      listScopeCatalog(db, principal.orgId, ids),
    ]);
    const items = page.map((s) =>
      presentServer(
        s,
        tools.filter((t) => t.serverId === s.id),
        new Map(catalog.filter((c) => c.serverId === s.id).map((c) => [c.scope, c.description])),
      ),
    );
    const last = page.at(-1);
    return {
      items,
      next_cursor: rows.length > query.limit && last ? encodeCursor([last.sortKey, last.id]) : null,
    };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(list);
