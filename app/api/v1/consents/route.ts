import { getDb } from '@/db/client';
import { listConsentsAfter } from '@/db/queries/consents';
import { listResponse, readQuery } from '@/lib/api/list';
import { apiRoute } from '@/lib/api/route';
import { pageOf, readCursor } from '@/lib/grants/api';
import { presentConsent } from '@/lib/grants/present';
import { consentListQuery } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ permission: 'read' }, async (request, { principal }) => {
  const query = readQuery(request, consentListQuery);
  const after = readCursor(query.cursor);
  const rows = await listConsentsAfter(getDb(), principal.orgId, {
    filter: { clientId: query.client_id, sub: query.sub, active: query.active },
    after: after && { grantedAt: after.time, id: after.id },
    limit: query.limit + 1,
  });
  const page = pageOf(rows, query.limit, (c) => [c.grantedAt, c.id]);
  return listResponse(page.items.map(presentConsent), page.nextCursor);
});
