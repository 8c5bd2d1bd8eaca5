import { listOf } from './schema';
import {
  str,
  time,
  sourceSchema,
  agentStatusSchema,
  revocationEntrySchema,
  agentSchema,
  agentDetailSchema,
  consentSchema,
  tokenSchema,
  madeEntries,
  auditEventSchema,
  deliveriesSchema,
} from './responses';
import { agentListQuery, verificationBody } from '@/lib/agents/schemas';
import { agentStatusQuery } from '@/lib/agents/status';
import { auditExportQuery, auditListQuery } from '@/lib/audit/filter';
import {
  consentListQuery,
  revokeConsentBody,
  revokeSubjectBody,
  revokeTokenBody,
  tokenListQuery,
} from '@/lib/grants/schemas';
import { mcpServerListQuerySchema, mcpServerQuerySchema } from '@/lib/mcp-servers/schemas';
import { checkBody } from '@/lib/revocations/check';
import { feedQuery, streamQuery } from '@/lib/revocations/feed-query';
import { rotationSchema } from '@/lib/sources/rotation-input';
import { createSourceSchema } from '@/lib/sources/source-input';
import { auditSealOperations } from './audit-seal-operations';
import type { Operation } from './operation';

export type { Access, Operation } from './operation';

/**
 * Every call of the management API, as the OpenAPI document describes it. Request schemas are the
 * zod schemas the routes validate with, so the document cannot drift from the code; openapi.test.ts
 * checks that each route file under app/api has exactly the operations listed here.
 */
export const operations: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: 'Operations',
    summary: 'Health: 200 when the hub can reach its database, else 503',
    access: 'public',
    response: {
      status: 200,
      schema: { type: 'object', properties: { status: { const: 'ok' } } },
    },
    errors: [503],
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'Operations',
    summary: 'This document',
    access: 'public',
    response: { status: 200, schema: { type: 'object' } },
  },
  {
    method: 'get',
    path: '/api/v1/sources',
    tag: 'Sources',
    summary: 'List sources (never their secrets)',
    access: 'read',
    response: {
      status: 200,
      schema: {
        type: 'object',
        properties: {
          items: { type: 'array', items: sourceSchema },
          next_cursor: { type: 'null' },
        },
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/sources',
    tag: 'Sources',
    summary: 'Register a source; its signing secret and API key are answered once',
    description:
      'An authorization server needs `issuer`, an MCP server `resource`; a gateway may name several ' +
      'resources in `resources` (`resource` alone still works for one). Each source then sends only ' +
      'its own kind of events, for its own issuer or resources (see the ingestion operation).',
    access: 'write',
    body: createSourceSchema,
    response: {
      status: 201,
      schema: {
        allOf: [
          sourceSchema,
          {
            type: 'object',
            required: ['signing_secret', 'api_key'],
            properties: {
              signing_secret: { type: 'string', description: '`whsec_…`, shown once' },
              api_key: { type: 'string', description: '`hubsrc_…`, shown once' },
            },
          },
        ],
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/sources/{sourceId}',
    tag: 'Sources',
    summary: 'One source (never its secrets)',
    access: 'read',
    response: { status: 200, schema: sourceSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/sources/{sourceId}/rotate-secret',
    tag: 'Sources',
    summary: 'A new signing secret; the previous one keeps working for the grace period',
    description:
      'The body is optional: `grace_period_seconds` (default 86400) says how long the previous ' +
      'secret keeps verifying; 0 ends it at once, for a secret that leaked.',
    access: 'write',
    body: rotationSchema,
    response: {
      status: 200,
      schema: {
        allOf: [
          sourceSchema,
          {
            type: 'object',
            required: ['signing_secret', 'previous_secret_valid_until'],
            properties: { signing_secret: str, previous_secret_valid_until: time },
          },
        ],
      },
    },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/sources/{sourceId}/rotate-api-key',
    tag: 'Sources',
    summary: 'A new API key; the previous one keeps working for the grace period',
    description:
      'The body is optional: `grace_period_seconds` (default 86400) says how long the previous ' +
      '`hubsrc_…` key keeps working; 0 ends it at once. Only the latest replaced key is kept.',
    access: 'write',
    body: rotationSchema,
    response: {
      status: 200,
      schema: {
        allOf: [
          sourceSchema,
          {
            type: 'object',
            required: ['api_key', 'previous_api_key_valid_until'],
            properties: {
              api_key: { type: 'string', description: '`hubsrc_…`, shown once' },
              previous_api_key_valid_until: time,
            },
          },
        ],
      },
    },
    errors: [404],
  },
  {
    method: 'post',
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
    response: {
      status: 202,
      schema: {
        type: 'object',
        properties: {
          accepted: { type: 'integer' },
          duplicates: { type: 'integer' },
        },
      },
    },
    errors: [400, 413, 415, 422, 429, 503],
  },
  {
    method: 'get',
    path: '/api/v1/revocations',
    tag: 'Revocations',
    summary: 'The revocation feed: entries after `after`, in `seq` order',
    access: 'source-key',
    query: feedQuery,
    response: {
      status: 200,
      schema: {
        type: 'object',
        required: ['items', 'next'],
        properties: {
          items: { type: 'array', items: revocationEntrySchema },
          next: { type: 'string', description: 'pass as `after` to continue' },
        },
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/revocations/stream',
    tag: 'Revocations',
    summary: 'The revocation stream: Server-Sent Events, one event per entry',
    description:
      'Each event has `id` = the entry’s seq, `event: revocation` and `data` = the entry as JSON. ' +
      'Resume without gaps with the `Last-Event-ID` header (or `?after=`); a comment line arrives ' +
      'at least every 15 s.',
    access: 'source-key',
    query: streamQuery,
    response: {
      status: 200,
      contentType: 'text/event-stream',
      schema: { type: 'string', description: 'text/event-stream; data = a revocation entry' },
    },
  },
  {
    method: 'get',
    path: '/api/v1/revocations/{seq}/deliveries',
    tag: 'Revocations',
    summary: 'One entry and its push deliveries: each server, every attempt',
    description:
      'Attempts are retried with exponential back-off for 24 h; `status` is `pending` while ' +
      'retrying, `delivered` after a 2xx, `failed` once given up. Admin API tokens only.',
    access: 'read',
    response: { status: 200, schema: deliveriesSchema },
    errors: [404, 422],
  },
  {
    method: 'post',
    path: '/api/v1/revocations/check',
    tag: 'Revocations',
    summary: 'Is this token refused? For servers that keep no local copy',
    description:
      'Send any of token_ref, family_id, issuer + client_id and/or sub (and optionally issued_at). ' +
      'A reinstated agent or grant (an entry with not_before) refuses only tokens issued before it; ' +
      'when the issuance is unknown to the caller and the hub, the token is refused.',
    access: 'source-key',
    body: checkBody,
    response: {
      status: 200,
      schema: {
        type: 'object',
        required: ['revoked', 'entry'],
        properties: {
          revoked: { type: 'boolean' },
          entry: { oneOf: [revocationEntrySchema, { type: 'null' }] },
        },
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/agents',
    tag: 'Agents',
    summary: 'Agents, newest first, keyset-paginated',
    access: 'read',
    query: agentListQuery,
    response: { status: 200, schema: listOf(agentSchema) },
  },
  {
    method: 'get',
    path: '/api/v1/agents/status',
    tag: 'Agents',
    summary: 'An agent’s verification status and allowed scopes, by issuer and client_id',
    description:
      'For an authorization server deciding whether to issue a token. A suspended, blocked or ' +
      'deleted agent has `may_issue_tokens: false` and no allowed scopes; otherwise ' +
      '`allowed_scopes` is the scope it registered, or null when it registered none (the hub ' +
      'then sets no limit). A source API key may call it.',
    access: 'source-key',
    query: agentStatusQuery,
    response: { status: 200, schema: agentStatusSchema },
    errors: [404, 422],
  },
  {
    method: 'get',
    path: '/api/v1/agents/{agentId}',
    tag: 'Agents',
    summary: 'One agent with its consents, token counts, scope usage and verification history',
    access: 'read',
    response: { status: 200, schema: agentDetailSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/agents/{agentId}/verification',
    tag: 'Agents',
    summary: 'Change the verification status; suspended and blocked make an `agent` revocation',
    description:
      'Reinstating a suspended or blocked agent sets its not_before and makes an `agent` entry ' +
      'carrying it: tokens issued before stay refused.',
    access: 'write',
    body: verificationBody,
    response: {
      status: 200,
      schema: {
        allOf: [
          agentSchema,
          {
            type: 'object',
            properties: {
              previous_status: str,
              revocation_seq: { type: ['string', 'null'] },
            },
          },
        ],
      },
    },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/api/v1/consents',
    tag: 'Consents',
    summary: 'Consents, keyset-paginated',
    access: 'read',
    query: consentListQuery,
    response: { status: 200, schema: listOf(consentSchema) },
  },
  {
    method: 'get',
    path: '/api/v1/consents/{consentId}',
    tag: 'Consents',
    summary: 'One consent with its scope history',
    access: 'read',
    response: {
      status: 200,
      schema: {
        allOf: [
          consentSchema,
          { type: 'object', required: ['history'], properties: { history: { type: 'array' } } },
        ],
      },
    },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/consents/{consentId}/revoke',
    tag: 'Consents',
    summary: 'Revoke a consent, or only some of its scopes; its tokens end with it',
    access: 'write',
    body: revokeConsentBody,
    response: { status: 200, schema: { allOf: [consentSchema, madeEntries] } },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/v1/subjects/revoke',
    tag: 'Consents',
    summary:
      'Revoke everything of one end user: their consents end and a `subject` entry refuses all their tokens',
    access: 'write',
    body: revokeSubjectBody,
    response: {
      status: 200,
      schema: {
        type: 'object',
        required: ['consents_revoked', 'revocation_entries'],
        properties: {
          consents_revoked: { type: 'integer' },
          revocation_entries: madeEntries.properties.revocation_entries,
        },
      },
    },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/tokens',
    tag: 'Tokens',
    summary: 'Tokens, keyset-paginated',
    access: 'read',
    query: tokenListQuery,
    response: { status: 200, schema: listOf(tokenSchema) },
  },
  {
    method: 'get',
    path: '/api/v1/tokens/{tokenId}',
    tag: 'Tokens',
    summary: 'One token',
    access: 'read',
    response: { status: 200, schema: tokenSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/tokens/{tokenId}/revoke',
    tag: 'Tokens',
    summary: 'Revoke a token, or its whole refresh family',
    access: 'write',
    body: revokeTokenBody,
    response: { status: 200, schema: { allOf: [tokenSchema, madeEntries] } },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/api/v1/audit-events',
    tag: 'Audit trail',
    summary: 'The audit trail, newest first, keyset-paginated',
    access: 'read',
    query: auditListQuery,
    response: { status: 200, schema: listOf(auditEventSchema) },
  },
  {
    method: 'get',
    path: '/api/v1/audit-events/export',
    tag: 'Audit trail',
    summary: 'The whole filtered trail, streamed as CSV or NDJSON, no row cap',
    description:
      'CSV cells that a spreadsheet would read as a formula are prefixed with an apostrophe. ' +
      'Each export is itself recorded in the audit trail.',
    access: 'read',
    query: auditExportQuery,
    response: {
      status: 200,
      contentType: 'application/x-ndjson',
      schema: { type: 'string', description: 'one audit event per line (or CSV rows)' },
    },
  },
  {
    method: 'get',
    path: '/api/v1/overview',
    tag: 'Overview',
    summary: 'The overview: counts, charts’ series and the needs-attention list',
    access: 'read',
    response: { status: 200, schema: { type: 'object' } },
  },
  {
    method: 'get',
    path: '/api/v1/mcp-servers',
    tag: 'MCP servers',
    summary: 'MCP servers with their tools and the scopes they need',
    access: 'read',
    query: mcpServerListQuerySchema,
    response: { status: 200, schema: listOf({ type: 'object' }) },
  },
  {
    method: 'get',
    path: '/api/v1/mcp-servers/{serverId}',
    tag: 'MCP servers',
    summary: 'One MCP server with its access matrix: which agents can call which tools',
    access: 'read',
    query: mcpServerQuerySchema,
    response: { status: 200, schema: { type: 'object' } },
    errors: [404],
  },
  ...auditSealOperations,
];
