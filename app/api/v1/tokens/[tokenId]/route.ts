import { getDb } from '@/db/client';
import { getToken } from '@/db/queries/tokens';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { notFound } from '@/lib/grants/api';
import { presentToken } from '@/lib/grants/present';
import { tokenSchema } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

/** One token (an extension of shared/spec/admin-api.md). */
const one = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/tokens/{tokenId}',
    tag: 'Tokens',
    summary: 'One token',
    access: 'read',
    response: { status: 200, schema: tokenSchema },
    headers: { 'cache-control': 'no-store' },
    errors: [404],
  },
  async (_request, { principal, params }) => {
    const token = await getToken(getDb(), principal.orgId, params.tokenId);
    if (!token) throw notFound('token');
    return presentToken(token);
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(one);
