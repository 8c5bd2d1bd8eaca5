import { getDb } from '@/db/client';
import { listTokensAfter } from '@/db/queries/tokens';
import { listResponse, readQuery } from '@/lib/api/list';
import { apiRoute } from '@/lib/api/route';
import { pageOf, readCursor } from '@/lib/grants/api';
import { presentToken } from '@/lib/grants/present';
import { tokenListQuery } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ permission: 'read' }, async (request, { principal }) => {
  const query = readQuery(request, tokenListQuery);
  const after = readCursor(query.cursor);
  const rows = await listTokensAfter(getDb(), principal.orgId, {
    filter: { clientId: query.client_id, sub: query.sub, active: query.active },
    after: after && { issuedAt: after.time, id: after.id },
    limit: query.limit + 1,
  });
  const page = pageOf(rows, query.limit, (t) => [t.issuedAt ?? t.createdAt, t.id]);
  return listResponse(page.items.map(presentToken), page.nextCursor);
});
