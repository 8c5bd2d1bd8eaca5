import { getDb } from '@/db/client';
import { listMcpServers, listScopeCatalog, listTools } from '@/db/queries/mcp-servers';
import { keysetPage } from '@/db/queries/keyset';
import { readCursor } from '@/lib/api/list';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
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
    const key = readCursor(query.cursor, ['text', 'uuid']);
    const after = key ? { key: key[0], id: key[1] } : undefined;
    const db = getDb();
    const rows = await listMcpServers(db, principal.orgId, {
      q: query.q || undefined,
      limit: query.limit + 1,
      after,
    });
    const { items: page, nextCursor } = keysetPage(rows, query.limit, (s) => [s.sortKey, s.id]);
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
    return { items, next_cursor: nextCursor };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(list);
