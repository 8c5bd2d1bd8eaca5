import { getDb } from '@/db/client';
import { loadOverview } from '@/lib/overview/load';
import { readQuery } from '@/lib/api/list';
import { apiRoute } from '@/lib/api/route';
import { overviewQuerySchema, presentOverview } from '@/lib/overview/present';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ permission: 'read' }, async (request, { principal }) => {
  readQuery(request, overviewQuerySchema);
  const overview = await loadOverview(getDb(), principal.orgId, new Date());
  return Response.json(presentOverview(overview), { headers: { 'cache-control': 'no-store' } });
});
