import type { z } from 'zod';
import { checkBody } from '@/lib/revocations/check';
import { feedQuery, streamQuery } from '@/lib/revocations/feed-query';
import { createSourceSchema } from '@/lib/sources/source-input';

/**
 * Every call of the management API, as the OpenAPI document describes it. Request schemas are the
 * zod schemas the routes validate with, so the document cannot drift from the code; openapi.test.ts
 * checks that each route file under app/api has exactly the operations listed here.
 */
export type Access = 'public' | 'read' | 'write' | 'source-key' | 'source-signature';

export type Operation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, `{param}` for a dynamic segment */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  query?: z.ZodType;
  body?: z.ZodType;
  /** schema of the 2xx answer */
  response?: { status: number; schema: Record<string, unknown>; contentType?: string };
  /** error statuses beyond those implied by `access` */
  errors?: number[];
};

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const time = { type: 'string', format: 'date-time' } as const;
const ntime = { type: ['string', 'null'], format: 'date-time' } as const;

export const sourceSchema = {
  type: 'object',
  required: ['id', 'name', 'kind', 'status', 'endpoint_url', 'created_at'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: str,
    kind: { enum: ['authorization_server', 'mcp_server', 'gateway'] },
    issuer: nstr,
    resource: nstr,
    revocation_webhook_url: nstr,
    status: { enum: ['active', 'disabled'] },
    endpoint_url: { type: 'string', format: 'uri' },
    api_key_prefix: nstr,
    rate_limit_per_minute: { type: 'integer' },
    events: {
      type: 'object',
      properties: {
        accepted: { type: 'integer' },
        duplicates: { type: 'integer' },
        refused: { type: 'integer' },
      },
    },
    last_event_at: ntime,
    created_at: time,
    disabled_at: ntime,
  },
} as const;

export const revocationEntrySchema = {
  type: 'object',
  required: ['seq', 'kind', 'revoked_at', 'reason', 'actor'],
  properties: {
    seq: { type: 'string', pattern: '^[0-9]+$', description: 'per org, strictly increasing' },
    kind: { enum: ['token', 'family', 'grant', 'agent', 'subject'] },
    token_ref: str,
    family_id: str,
    issuer: str,
    client_id: str,
    sub: str,
    revoked_at: time,
    not_before: { ...time, description: 'tokens issued at or after it are not revoked' },
    reason: nstr,
    actor: {
      type: 'object',
      required: ['type', 'id'],
      properties: { type: str, id: nstr },
    },
  },
} as const;

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
    summary: 'A new signing secret; the previous one keeps working for 24 hours',
    access: 'write',
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
    path: '/api/v1/sources/{sourceId}/events',
    tag: 'Ingestion',
    summary: 'Ingest one CloudEvent or a batch, signed with Standard Webhooks',
    description:
      'See the ingestion contract: `webhook-id`, `webhook-timestamp` and `webhook-signature` headers; ' +
      '`application/cloudevents+json`, `application/cloudevents-batch+json` or `application/json`; ' +
      'at most 1 MiB and 1,000 events; all-or-nothing.',
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
];
