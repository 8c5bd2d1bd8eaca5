import { getDb } from '@/db/client';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { isUuid } from '@/lib/api/route';
import { notFound } from '@/lib/grants/api';
import { presentEntries, presentToken } from '@/lib/grants/present';
import { revokeToken } from '@/lib/grants/revoke-token';
import { revokedTokenSchema, revokeTokenBody } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

/** Revokes a token, or its whole refresh family; answers the token and the entries made. */
const revoke = defineOperation(
  {
    method: 'POST',
    path: '/api/v1/tokens/{tokenId}/revoke',
    tag: 'Tokens',
    summary: 'Revoke a token, or its whole refresh family',
    access: 'write',
    body: revokeTokenBody,
    response: { status: 200, schema: revokedTokenSchema },
    errors: [404, 409],
  },
  async (_request, { actor, params, body }) => {
    if (!isUuid(params.tokenId)) throw notFound('token');
    const { token, entries } = await revokeToken(getDb(), actor, {
      tokenId: params.tokenId,
      reason: body.reason,
      family: body.family,
    });
    return { ...presentToken(token), revocation_entries: presentEntries(entries) };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(revoke);
