import { getDb } from '@/db/client';
import { getToken } from '@/db/queries/tokens';
import { apiRoute } from '@/lib/api/route';
import { notFound } from '@/lib/grants/api';
import { presentToken } from '@/lib/grants/present';

export const dynamic = 'force-dynamic';

/** One token (an extension of shared/spec/admin-api.md). */
export const GET = apiRoute<{ tokenId: string }>(
  { permission: 'read' },
  async (_request, { principal, params }) => {
    const token = await getToken(getDb(), principal.orgId, params.tokenId);
    if (!token) throw notFound('token');
    return Response.json(presentToken(token), { headers: { 'cache-control': 'no-store' } });
  },
);
