import { getDb } from '@/db/client';
import { listAgentsKeyset, type AgentApiCursor } from '@/db/queries/agents';
import { decodeCursor, encodeCursor, invalidCursor, listResponse } from '@/lib/api/list';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { isUuid } from '@/lib/api/route';
import { presentAgent } from '@/lib/agents/present';
import { agentListQuery, agentListSchema } from '@/lib/agents/schemas';

export const dynamic = 'force-dynamic';

function readCursor(cursor: string | undefined): AgentApiCursor | null {
  if (!cursor) return null;
  const [createdAt, id] = decodeCursor(cursor, 2);
  if (
    typeof createdAt !== 'string' ||
    Number.isNaN(Date.parse(createdAt)) ||
    typeof id !== 'string' ||
    !isUuid(id)
  ) {
    throw invalidCursor();
  }
  return { createdAt, id };
}

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
      cursor: readCursor(query.cursor),
      limit: query.limit,
    });
    return listResponse(
      items.map(presentAgent),
      next ? encodeCursor([next.createdAt, next.id]) : null,
    );
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(list);
