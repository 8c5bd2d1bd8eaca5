import { getDb } from '@/db/client';
import { listTokensAfter } from '@/db/queries/tokens';
import { listResponse, readCursor } from '@/lib/api/list';
import { keysetPage } from '@/db/queries/keyset';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
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
    const after = readCursor(query.cursor, ['time', 'uuid']);
    const rows = await listTokensAfter(getDb(), principal.orgId, {
      filter: { clientId: query.client_id, sub: query.sub, active: query.active },
      after: after && { issuedAt: new Date(after[0]), id: after[1] },
      limit: query.limit + 1,
    });
    const page = keysetPage(rows, query.limit, (t) => [t.issuedAt ?? t.createdAt, t.id]);
    return listResponse(page.items.map(presentToken), page.nextCursor);
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(list);
