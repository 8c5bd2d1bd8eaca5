import { getDb } from '@/db/client';
import { getSource } from '@/db/queries/sources';
import { apiRoute, isUuid } from '@/lib/api/route';
import { ExpectedError } from '@/lib/errors';
import { presentSource } from '@/lib/sources/present';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<{ sourceId: string }>(
  { permission: 'read' },
  async (_request, { principal, params }) => {
    const source = isUuid(params.sourceId)
      ? await getSource(getDb(), principal.orgId, params.sourceId)
      : null;
    if (!source)
      throw new ExpectedError('not_found', 'No source with this id in your organization.');
    return Response.json(presentSource(source));
  },
);
