/**
 * The JSON Schemas of the management API's answers, for the OpenAPI document (operations.ts).
 * Field names are the API's (snake_case), as each area's present.ts writes them.
 */

export const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
export const time = { type: 'string', format: 'date-time' } as const;
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
    resources: {
      type: 'array',
      items: str,
      description:
        'Every resource the source speaks for: `resource` first, then the further ones of a gateway',
    },
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

export const agentStatusSchema = {
  type: 'object',
  required: [
    'agent_id',
    'issuer',
    'client_id',
    'verification_status',
    'may_issue_tokens',
    'allowed_scopes',
  ],
  properties: {
    agent_id: { type: 'string', format: 'uuid' },
    issuer: str,
    client_id: str,
    verification_status: { enum: ['pending', 'verified', 'suspended', 'blocked'] },
    status_changed_at: ntime,
    deleted_at: ntime,
    may_issue_tokens: { type: 'boolean' },
    not_before: { ...ntime, description: 'tokens issued before it stay refused' },
    allowed_scopes: { type: ['array', 'null'], items: str },
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

const strs = { type: 'array', items: str } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const nullable = (schema: Record<string, unknown>) => ({
  oneOf: [schema, { type: 'null' }],
});

export const agentSchema = {
  type: 'object',
  required: ['id', 'issuer', 'client_id', 'verification_status', 'registration_method'],
  properties: {
    id: uuid,
    issuer: str,
    client_id: str,
    client_name: nstr,
    registration_method: { enum: ['dcr', 'cimd', 'preregistered', 'manual'] },
    client_type: { enum: ['public', 'confidential', null] },
    application_type: nstr,
    verification_status: { enum: ['pending', 'verified', 'suspended', 'blocked'] },
    status_changed_at: ntime,
    not_before: ntime,
    redirect_uris: strs,
    grant_types: strs,
    token_endpoint_auth_method: nstr,
    client_uri: nstr,
    logo_uri: nstr,
    software_id: nstr,
    software_version: nstr,
    software_statement_iss: nstr,
    contacts: strs,
    scope: nstr,
    family_key: nstr,
    flags: strs,
    registered_at: ntime,
    last_seen_at: ntime,
    last_used_at: ntime,
    deleted_at: ntime,
    reuse_detected_at: ntime,
    passthrough_detected_at: ntime,
    denial_count: { type: 'integer' },
    rejection_count: { type: 'integer' },
    created_at: time,
  },
} as const;

export const agentDetailSchema = {
  allOf: [
    agentSchema,
    {
      type: 'object',
      required: ['consents', 'token_counts', 'scope_usage', 'verification_history'],
      properties: {
        metadata: { type: 'object' },
        checks: { type: 'array', items: { type: 'object' } },
        consents: {
          type: 'object',
          properties: { total: { type: 'integer' }, items: { type: 'array' } },
        },
        token_counts: { type: 'object' },
        scope_usage: {
          type: 'array',
          items: {
            type: 'object',
            required: ['scope', 'granted', 'unused'],
            properties: { scope: str, granted: { type: 'boolean' }, unused: { type: 'boolean' } },
          },
        },
        verification_history: { type: 'array', items: { type: 'object' } },
        family: { type: 'array', items: { type: 'object' } },
      },
    },
  ],
} as const;

export const consentSchema = {
  type: 'object',
  required: ['id', 'issuer', 'client_id', 'sub', 'scopes', 'status', 'granted_at'],
  properties: {
    id: uuid,
    consent_id: nstr,
    agent_id: uuid,
    agent_name: nstr,
    issuer: str,
    client_id: str,
    sub: str,
    subject_name: nstr,
    resource: nstr,
    scopes: strs,
    status: { enum: ['active', 'revoked', 'expired'] },
    mechanism: nstr,
    granted_at: ntime,
    expires_at: ntime,
    revoked_at: ntime,
    last_used_at: ntime,
  },
} as const;

export const tokenSchema = {
  type: 'object',
  required: ['id', 'token_ref', 'state', 'scopes'],
  properties: {
    id: uuid,
    token_ref: str,
    token_type: { enum: ['access_token', 'refresh_token', null] },
    agent_id: nullable(uuid),
    issuer: nstr,
    client_id: nstr,
    sub: nstr,
    consent_id: nullable(uuid),
    family_id: nstr,
    parent_ref: nstr,
    scopes: strs,
    resource: nstr,
    grant_type: nstr,
    state: { enum: ['active', 'expired', 'revoked'] },
    issued_at: ntime,
    expires_at: ntime,
    revoked_at: ntime,
    revoked_by: nstr,
    revocation_reason: nstr,
    family_revoked_at: ntime,
    last_used_at: ntime,
  },
} as const;

export const madeEntries = {
  type: 'object',
  required: ['revocation_entries'],
  properties: {
    revocation_entries: {
      type: 'array',
      description: 'the revocation entries this made (kind and seq)',
      items: { type: 'object', required: ['seq', 'kind'], properties: { seq: str, kind: str } },
    },
  },
} as const;

export const auditEventSchema = {
  type: 'object',
  required: ['id', 'occurred_at', 'recorded_at', 'type', 'summary', 'data'],
  properties: {
    id: { type: ['integer', 'string'] },
    occurred_at: time,
    recorded_at: time,
    type: str,
    source_id: nullable(uuid),
    actor: nullable({
      type: 'object',
      properties: { type: nstr, id: nstr, label: nstr },
    }),
    issuer: nstr,
    client_id: nstr,
    sub: nstr,
    resource: nstr,
    tool: nstr,
    token_ref: nstr,
    outcome: nstr,
    ip: nstr,
    user_agent: nstr,
    reason: nstr,
    summary: str,
    data: { type: 'object', description: 'the raw CloudEvent, or an admin action’s before/after' },
  },
} as const;

export const deliveriesSchema = {
  type: 'object',
  required: ['entry', 'deliveries'],
  properties: {
    entry: revocationEntrySchema,
    deliveries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['source_id', 'source_name', 'url', 'status', 'attempts', 'history'],
        properties: {
          source_id: { type: 'string', format: 'uuid' },
          source_name: str,
          url: str,
          status: { enum: ['pending', 'delivered', 'failed'] },
          attempts: { type: 'integer' },
          delivered_at: ntime,
          next_attempt_at: ntime,
          last_error: nstr,
          history: {
            type: 'array',
            items: {
              type: 'object',
              required: ['attempted_at', 'status_code', 'error', 'duration_ms'],
              properties: {
                attempted_at: time,
                status_code: { type: ['integer', 'null'] },
                error: nstr,
                duration_ms: { type: ['integer', 'null'] },
              },
            },
          },
        },
      },
    },
  },
} as const;
