import { getDb } from '@/db/client';
import { loadOverview } from '@/lib/overview/load';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { overviewSchema, presentOverview } from '@/lib/overview/present';

export const dynamic = 'force-dynamic';

/** Takes no parameters (any are ignored): the answer is always about now. */
const overview = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/overview',
    tag: 'Overview',
    summary: 'The overview: counts, charts’ series and the needs-attention list',
    access: 'read',
    response: { status: 200, schema: overviewSchema },
    headers: { 'cache-control': 'no-store' },
  },
  async (_request, { principal }) =>
    presentOverview(await loadOverview(getDb(), principal.orgId, new Date())),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(overview);
