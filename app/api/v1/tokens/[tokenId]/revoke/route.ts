import { getDb } from '@/db/client';
import { apiRoute, isUuid, readJsonBody } from '@/lib/api/route';
import { notFound } from '@/lib/grants/api';
import { presentEntries, presentToken } from '@/lib/grants/present';
import { revokeToken } from '@/lib/grants/revoke-token';
import { revokeTokenBody } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

/** Revokes a token, or its whole refresh family; answers the token and the entries made. */
export const POST = apiRoute<{ tokenId: string }>(
  { permission: 'write' },
  async (request, { actor, params }) => {
    if (!isUuid(params.tokenId)) throw notFound('token');
    const body = await readJsonBody(request, revokeTokenBody);
    const { token, entries } = await revokeToken(getDb(), actor, {
      tokenId: params.tokenId,
      reason: body.reason,
      family: body.family,
    });
    return Response.json({ ...presentToken(token), revocation_entries: presentEntries(entries) });
  },
);
