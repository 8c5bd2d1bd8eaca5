import { getDb } from '@/db/client';
import { getSource } from '@/db/queries/sources';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { isUuid } from '@/lib/api/route';
import { ExpectedError } from '@/lib/errors';
import { updateSource } from '@/lib/sources/manage-sources';
import { presentSource } from '@/lib/sources/present';
import { sourceSchema } from '@/lib/sources/schemas';
import { updateSourceSchema } from '@/lib/sources/source-input';

export const dynamic = 'force-dynamic';

const one = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/sources/{sourceId}',
    tag: 'Sources',
    summary: 'One source (never its secrets)',
    access: 'read',
    response: { status: 200, schema: sourceSchema },
    errors: [404],
  },
  async (_request, { principal, params }) => {
    const source = isUuid(params.sourceId)
      ? await getSource(getDb(), principal.orgId, params.sourceId)
      : null;
    if (!source)
      throw new ExpectedError('not_found', 'No source with this id in your organization.');
    return presentSource(source);
  },
);

const update = defineOperation(
  {
    method: 'PATCH',
    path: '/api/v1/sources/{sourceId}',
    tag: 'Sources',
    summary: 'Change a source’s settings: whether it enforces revocations',
    description:
      'A source with `enforces_revocations: false` (an authorization server that only reports, ' +
      'say) is still listed under each revocation entry it should enforce, but never counted.',
    access: 'write',
    body: updateSourceSchema,
    response: { status: 200, schema: sourceSchema },
    errors: [404],
  },
  async (_request, { actor, params, body }) => {
    if (!isUuid(params.sourceId))
      throw new ExpectedError('not_found', 'No source with this id in your organization.');
    return presentSource(await updateSource(getDb(), actor, params.sourceId, body));
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(one, update);
