import { getDb } from '@/db/client';
import { listTokensAfter } from '@/db/queries/tokens';
import { listResponse } from '@/lib/api/list';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { pageOf, readCursor } from '@/lib/grants/api';
import { presentToken } from '@/lib/grants/present';
import { tokenListQuery, tokenListSchema } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

const list = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/tokens',
    tag: 'Tokens',
    summary: 'Tokens, keyset-paginated',
    access: 'read',
    query: tokenListQuery,
    response: { status: 200, schema: tokenListSchema },
  },
  async (_request, { principal, query }) => {
    const after = readCursor(query.cursor);
    const rows = await listTokensAfter(getDb(), principal.orgId, {
      filter: { clientId: query.client_id, sub: query.sub, active: query.active },
      after: after && { issuedAt: after.time, id: after.id },
      limit: query.limit + 1,
    });
    const page = pageOf(rows, query.limit, (t) => [t.issuedAt ?? t.createdAt, t.id]);
    return listResponse(page.items.map(presentToken), page.nextCursor);
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(list);
