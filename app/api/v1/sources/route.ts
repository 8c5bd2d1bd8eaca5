import { getDb } from '@/db/client';
import { listSources } from '@/db/queries/sources';
import { apiRoute, readJsonBody } from '@/lib/api/route';
import { createSource } from '@/lib/sources/manage-sources';
import { presentSource } from '@/lib/sources/present';
import { createSourceSchema } from '@/lib/sources/source-input';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ permission: 'read' }, async (_request, { principal }) => {
  const items = (await listSources(getDb(), principal.orgId)).map(presentSource);
  return Response.json({ items, next_cursor: null });
});

export const POST = apiRoute({ permission: 'write' }, async (request, { actor }) => {
  const input = await readJsonBody(request, createSourceSchema);
  const { source, signingSecret, apiKey } = await createSource(getDb(), actor, input);
  return Response.json(
    { ...presentSource(source), signing_secret: signingSecret, api_key: apiKey },
    // the secret and key are shown only here: no cache may keep them
    { status: 201, headers: { 'cache-control': 'no-store' } },
  );
});
