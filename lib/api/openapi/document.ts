import type { Access, Operation } from '@/lib/api/operation';
import { jsonSchemaOf, problemSchema, queryParametersOf } from './schema';

const security: Record<Access, Record<string, string[]>[]> = {
  public: [],
  read: [{ adminToken: [] }, { session: [] }],
  write: [{ adminToken: [] }, { session: [] }],
  'source-key': [{ sourceKey: [] }, { adminToken: [] }],
  'source-signature': [{ standardWebhooks: [] }],
};

const accessNote: Record<Access, string> = {
  public: 'No credentials.',
  read: 'Any console role or admin API token (owner, admin, auditor).',
  write:
    "Owner or admin (session or `admin` API token); auditors get 403. A session's change must come from the hub's own pages (`Origin` or `Sec-Fetch-Site: same-origin`), else 403.",
  'source-key': "A source's API key or an admin API token.",
  'source-signature': "Signed with the source's Standard Webhooks secret; no bearer credential.",
};

function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: problemSchema } } };
}

function errorResponses(op: Operation) {
  const statuses = new Set(op.errors ?? []);
  if (op.access !== 'public') statuses.add(401);
  if (op.access === 'write' || op.access === 'read' || op.access === 'source-key')
    statuses.add(403);
  if (op.query || op.body) statuses.add(422);
  if (op.body) statuses.add(415).add(413).add(400);
  const text: Record<number, string> = {
    400: 'The body is not valid JSON',
    401: 'No valid credentials',
    403: 'The role or credential may not do this',
    404: 'No such object in your organization',
    409: 'The change conflicts with the current state (e.g. already revoked)',
    413: 'The request is too large (a management API body is at most 1 MiB)',
    415: 'The body is not JSON',
    422: 'A field or parameter is invalid; `errors` names each',
    429: 'Too many requests; see Retry-After',
    503: 'The hub cannot serve this now; see Retry-After',
  };
  return Object.fromEntries(
    [...statuses].sort().map((s) => [String(s), problemResponse(text[s] ?? 'Refused')]),
  );
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  }));
}

function successResponse(response: Operation['response']) {
  const [type, schema] =
    'contentType' in response
      ? [response.contentType, { type: 'string', description: response.description }]
      : ['application/json', jsonSchemaOf(response.schema, 'output')];
  return { [String(response.status)]: { description: 'Success', content: { [type]: { schema } } } };
}

/**
 * The OpenAPI 3.1 document served at /api/v1/openapi.json, from the operations the route files
 * declare (app/api/v1/openapi.json/routes.generated.ts collects them).
 */
export function buildOpenApiDocument(operations: readonly Operation[], serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const byPath = [...operations].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
  for (const op of byPath) {
    const method = op.method.toLowerCase();
    const parameters = [
      ...pathParameters(op.path),
      ...(op.query ? queryParametersOf(op.query) : []),
    ];
    (paths[op.path] ??= {})[method] = {
      operationId: `${method}${op.path
        .replace(/^\/api(\/v1)?/, '')
        .replace(/\{(\w+)\}/g, 'By-$1')
        .split(/[/.-]/)
        .filter(Boolean)
        .map((part) => part[0]!.toUpperCase() + part.slice(1))
        .join('')}`,
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, accessNote[op.access]].filter(Boolean).join('\n\n'),
      security: security[op.access],
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchemaOf(op.body) } },
            },
          }
        : {}),
      responses: { ...successResponse(op.response), ...errorResponses(op) },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Agent Identity Hub management API',
      version: '1',
      description:
        'Everything the console shows and does, for automation. Lists answer `{items, next_cursor}`; ' +
        'IDs in paths are the hub’s own, filters take the outside identifiers; errors are RFC 9457 ' +
        'problem documents.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        adminToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An admin API token (`hub_…`), made in Settings → API tokens.',
        },
        sourceKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A source API key (`hubsrc_…`), shown once when the source is created.',
        },
        session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' },
        standardWebhooks: {
          type: 'apiKey',
          in: 'header',
          name: 'webhook-signature',
          description: 'Standard Webhooks v1 signature with the source signing secret (`whsec_…`).',
        },
      },
    },
    paths,
  };
}
