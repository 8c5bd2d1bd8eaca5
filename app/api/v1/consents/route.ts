import { getDb } from '@/db/client';
import { listConsentsAfter } from '@/db/queries/consents';
import { listResponse, readCursor } from '@/lib/api/list';
import { keysetPage } from '@/db/queries/keyset';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { presentConsent } from '@/lib/grants/present';
import { consentListQuery, consentListSchema } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

const list = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/consents',
    tag: 'Consents',
    summary: 'Consents, keyset-paginated',
    access: 'read',
    query: consentListQuery,
    response: { status: 200, schema: consentListSchema },
  },
  async (_request, { principal, query }) => {
    const after = readCursor(query.cursor, ['time', 'uuid']);
    const rows = await listConsentsAfter(getDb(), principal.orgId, {
      filter: { clientId: query.client_id, sub: query.sub, active: query.active },
      after: after && { grantedAt: new Date(after[0]), id: after[1] },
      limit: query.limit + 1,
    });
    const page = keysetPage(rows, query.limit, (c) => [c.grantedAt, c.id]);
    return listResponse(page.items.map(presentConsent), page.nextCursor);
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(list);
