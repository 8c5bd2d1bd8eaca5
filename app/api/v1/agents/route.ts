import { getDb } from '@/db/client';
import { listAgentsKeyset } from '@/db/queries/agents';
import { encodeKey } from '@/db/queries/keyset';
import { listResponse, readCursor } from '@/lib/api/list';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { presentAgent } from '@/lib/agents/present';
import { agentListQuery, agentListSchema } from '@/lib/agents/schemas';

export const dynamic = 'force-dynamic';

const cursorOf = (key: [string, string] | null) => key && { createdAt: key[0], id: key[1] };

/** Agents of the caller's org, newest first; deleted ones included, with their `deleted_at`. */
const list = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/agents',
    tag: 'Agents',
    summary: 'Agents, newest first, keyset-paginated',
    access: 'read',
    query: agentListQuery,
    response: { status: 200, schema: agentListSchema },
  },
  async (_request, { principal, query }) => {
    const { items, next } = await listAgentsKeyset(getDb(), principal.orgId, {
      issuer: query.issuer,
      clientId: query.client_id,
      status: query.status,
      q: query.q || undefined,
      cursor: cursorOf(readCursor(query.cursor, ['time', 'uuid'])),
      limit: query.limit,
    });
    return listResponse(
      items.map(presentAgent),
      next ? encodeKey([next.createdAt, next.id]) : null,
    );
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(list);
