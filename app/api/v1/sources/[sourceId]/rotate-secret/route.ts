import { getDb } from '@/db/client';
import { ApiError, apiRoute, isUuid, readOptionalJsonBody } from '@/lib/api/route';
import { rotateSourceSecret } from '@/lib/sources/manage-sources';
import { presentSource } from '@/lib/sources/present';
import { rotationSchema } from '@/lib/sources/rotation-input';

export const dynamic = 'force-dynamic';

export const POST = apiRoute<{ sourceId: string }>(
  { permission: 'write' },
  async (request, { actor, params }) => {
    if (!isUuid(params.sourceId))
      throw new ApiError(404, 'Not Found', 'No source with this id in your organization.');
    const body = await readOptionalJsonBody(request, rotationSchema);
    const { source, signingSecret, graceEndsAt } = await rotateSourceSecret(
      getDb(),
      actor,
      params.sourceId,
      body.grace_period_seconds,
    );
    // the new secret is shown only here: no cache may keep it
    return Response.json(
      {
        ...presentSource(source),
        signing_secret: signingSecret,
        previous_secret_valid_until: graceEndsAt.toISOString(),
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
);
