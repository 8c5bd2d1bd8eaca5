import { getDb } from '@/db/client';
import { listLeaksPage } from '@/db/queries/enforcement';
import { listParams, listResponse, readCursor } from '@/lib/api/list';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { presentLeak } from '@/lib/revocations/enforcement/leaks';
import { leakListSchema } from '@/lib/revocations/schemas';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

/** Leaks: where a token an entry covers still worked after it, newest first. */
const list = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/revocations/leaks',
    tag: 'Revocations',
    summary: 'Leaks: sources where a revoked token still worked, newest first, keyset-paginated',
    description:
      'A leak is an accepted `tool.invoked` with outcome `ok` from an MCP server or gateway, or a ' +
      '`token.issued` from an authorization server, for something an entry covers, more than 5 s ' +
      'after the entry. One item per (entry, source), counting its events; the first is in the ' +
      'audit trail as `revocation.leak_detected`.',
    access: 'read',
    query: z.object({ ...listParams }),
    response: { status: 200, schema: leakListSchema },
  },
  async (_request, { principal, query }) => {
    const after = readCursor(query.cursor, ['time', 'uuid']);
    const page = await listLeaksPage(getDb(), principal.orgId, {
      limit: query.limit,
      after: after && { detectedAt: after[0], id: after[1] },
    });
    return listResponse(page.items.map(presentLeak), page.nextCursor);
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(list);
