import { getDb } from '@/db/client';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { handleIngestionRequest } from '@/lib/ingestion/transport';
import { ingestedSchema } from '@/lib/sources/schemas';

export const dynamic = 'force-dynamic';

// Authenticated by the source's Standard Webhooks signature, not by a session or API token. The
// hub's own server answers this path itself (lib/server/ingestion-fast-path.ts); this route
// serves `next dev` with the same handler.
const ingest = defineOperation(
  {
    method: 'POST',
    path: '/api/v1/sources/{sourceId}/events',
    tag: 'Ingestion',
    summary: 'Ingest one CloudEvent or a batch, signed with Standard Webhooks',
    description:
      'See the ingestion contract: `webhook-id`, `webhook-timestamp` and `webhook-signature` headers; ' +
      '`application/cloudevents+json`, `application/cloudevents-batch+json` or `application/json`; ' +
      'at most 1 MiB and 1,000 events; all-or-nothing. A source speaks only for itself: ' +
      'authorization-server types only from an authorization server and for its own `issuer`, MCP ' +
      'types only from an MCP server or gateway and for its own resources (`revocation.applied` and ' +
      'unknown types from any); an event `time` more than 5 minutes ahead is refused (422).',
    access: 'source-signature',
    response: { status: 202, schema: ingestedSchema },
    errors: [400, 413, 415, 422, 429, 503],
  },
  async (request, { params }) => handleIngestionRequest(getDb(), params.sourceId, request),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(ingest);
