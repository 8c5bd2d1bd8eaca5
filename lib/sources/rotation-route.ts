import type { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import { defineOperation } from '@/lib/api/operation';
import { isUuid } from '@/lib/api/route';
import type { AuditActor } from '@/lib/audit/actor';
import { ExpectedError } from '@/lib/errors';
import { presentSource } from './present';
import { rotationSchema } from './rotation-input';
import type { sourceSchema } from './schemas';

type Rotated = { source: Parameters<typeof presentSource>[0]; graceEndsAt: Date };

/**
 * `POST /api/v1/sources/{id}/rotate-…`: an optional grace period in, the source and its new
 * credential out. The credential is shown only in this answer, so no cache may keep it.
 */
export function rotationOperation<T extends Rotated, S extends typeof sourceSchema>(
  declared: { path: string; summary: string; description: string; schema: S },
  rotate: (db: Db, actor: AuditActor, sourceId: string, graceSeconds: number) => Promise<T>,
  answer: (rotated: T) => Omit<z.input<S>, keyof z.input<typeof sourceSchema>>,
) {
  return defineOperation(
    {
      method: 'POST',
      path: declared.path as '/api/v1/sources/{sourceId}/rotate',
      tag: 'Sources',
      summary: declared.summary,
      description: declared.description,
      access: 'write',
      body: rotationSchema,
      bodyOptional: true,
      response: { status: 200, schema: declared.schema as typeof sourceSchema },
      headers: { 'cache-control': 'no-store' },
      errors: [404],
    },
    async (_request, { actor, params, body }) => {
      if (!isUuid(params.sourceId))
        throw new ExpectedError('not_found', 'No source with this id in your organization.');
      const rotated = await rotate(getDb(), actor, params.sourceId, body.grace_period_seconds);
      return { ...presentSource(rotated.source), ...answer(rotated) };
    },
  );
}
