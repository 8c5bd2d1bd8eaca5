import { getDb, type Db } from '@/db/client';
import { apiRoute, isUuid, readOptionalJsonBody } from '@/lib/api/route';
import type { AuditActor } from '@/lib/audit/actor';
import { ExpectedError } from '@/lib/errors';
import { presentSource } from './present';
import { rotationSchema } from './rotation-input';

type Rotated = { source: Parameters<typeof presentSource>[0]; graceEndsAt: Date };

/**
 * `POST /api/v1/sources/{id}/rotate-…`: an optional grace period in, the source and its new
 * credential out. The credential is shown only in this answer, so no cache may keep it.
 */
export function rotationRoute<T extends Rotated>(
  rotate: (db: Db, actor: AuditActor, sourceId: string, graceSeconds: number) => Promise<T>,
  answer: (rotated: T) => Record<string, string>,
) {
  return apiRoute<{ sourceId: string }>(
    { permission: 'write' },
    async (request, { actor, params }) => {
      if (!isUuid(params.sourceId))
        throw new ExpectedError('not_found', 'No source with this id in your organization.');
      const body = await readOptionalJsonBody(request, rotationSchema);
      const rotated = await rotate(getDb(), actor, params.sourceId, body.grace_period_seconds);
      return Response.json(
        { ...presentSource(rotated.source), ...answer(rotated) },
        { headers: { 'cache-control': 'no-store' } },
      );
    },
  );
}
