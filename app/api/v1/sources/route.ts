import { getDb } from '@/db/client';
import { listSources } from '@/db/queries/sources';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { createSource } from '@/lib/sources/manage-sources';
import { presentSource } from '@/lib/sources/present';
import { createdSourceSchema, sourceListSchema } from '@/lib/sources/schemas';
import { createSourceSchema } from '@/lib/sources/source-input';

export const dynamic = 'force-dynamic';

const list = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/sources',
    tag: 'Sources',
    summary: 'List sources (never their secrets)',
    access: 'read',
    response: { status: 200, schema: sourceListSchema },
  },
  async (_request, { principal }) => ({
    items: (await listSources(getDb(), principal.orgId)).map(presentSource),
    next_cursor: null,
  }),
);

const create = defineOperation(
  {
    method: 'POST',
    path: '/api/v1/sources',
    tag: 'Sources',
    summary: 'Register a source; its signing secret and API key are answered once',
    description:
      'An authorization server needs `issuer`, an MCP server `resource`; a gateway may name several ' +
      'resources in `resources` (`resource` alone still works for one). Each source then sends only ' +
      'its own kind of events, for its own issuer or resources (see the ingestion operation).',
    access: 'write',
    body: createSourceSchema,
    response: { status: 201, schema: createdSourceSchema },
    // the secret and key are shown only here: no cache may keep them
    headers: { 'cache-control': 'no-store' },
  },
  async (_request, { actor, body }) => {
    const { source, signingSecret, apiKey } = await createSource(getDb(), actor, body);
    return { ...presentSource(source), signing_secret: signingSecret, api_key: apiKey };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(list, create);
