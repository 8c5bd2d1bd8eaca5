import { z } from 'zod';
import { int, listOf, nstr, ntime, str, strs, time, uuid } from '@/lib/api/fields';
import { listParams } from '@/lib/api/list';
import { verificationStatuses } from '@/lib/constants';
import { refusedBySchema } from '@/lib/revocations/refused-by';

/**
 * The inputs of the agents API (shared/spec/admin-api.md), exported so the OpenAPI document can
 * be generated from the same schemas that check requests.
 */

const statusEnum = z.enum(
  verificationStatuses,
  `status must be one of ${verificationStatuses.join(', ')}`,
);

/** `GET /api/v1/agents?issuer=&client_id=&status=&q=&cursor=&limit=` */
export const agentListQuery = z.object({
  issuer: z.string().trim().min(1, 'issuer must not be empty').max(2000).optional(),
  client_id: z.string().trim().min(1, 'client_id must not be empty').max(2000).optional(),
  status: statusEnum.optional(),
  q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
  ...listParams,
});
export type AgentListQuery = z.infer<typeof agentListQuery>;

/** The reason an admin gives for changing an agent's status: required, kept in the audit trail. */
export const requiredReason = z
  .string('reason is required')
  .trim()
  .min(1, 'Give a reason: it is kept in the audit trail.')
  .max(500, 'Keep the reason under 500 characters.');

/** `POST /api/v1/agents/{id}/verification` */
export const verificationBody = z.object({
  status: statusEnum,
  reason: requiredReason,
});
export type VerificationBody = z.infer<typeof verificationBody>;

/* The answers of the agents API, as present.ts, present-detail.ts and status.ts write them. */

const statusOut = z.enum(verificationStatuses);

export const agentSchema = z.object({
  id: uuid,
  issuer: str,
  client_id: str,
  client_name: nstr.optional(),
  registration_method: z.enum(['dcr', 'cimd', 'preregistered', 'manual']),
  client_type: z.enum(['public', 'confidential']).nullable().optional(),
  application_type: nstr.optional(),
  verification_status: statusOut,
  status_changed_at: ntime.optional(),
  not_before: ntime.optional(),
  refused_by: refusedBySchema.optional(),
  redirect_uris: strs.optional(),
  grant_types: strs.optional(),
  token_endpoint_auth_method: nstr.optional(),
  client_uri: nstr.optional(),
  logo_uri: nstr.optional(),
  software_id: nstr.optional(),
  software_version: nstr.optional(),
  software_statement_iss: nstr.optional(),
  contacts: strs.optional(),
  scope: nstr.optional(),
  family_key: nstr.optional(),
  flags: strs.optional(),
  registered_at: ntime.optional(),
  last_seen_at: ntime.optional(),
  last_used_at: ntime.optional(),
  deleted_at: ntime.optional(),
  reuse_detected_at: ntime.optional(),
  passthrough_detected_at: ntime.optional(),
  denial_count: int.optional(),
  rejection_count: int.optional(),
  created_at: time.optional(),
});

export const agentListSchema = listOf(agentSchema);

/** One verification check (lib/agents/checks.ts), as the agent shows it and its history keeps it. */
const checkSchema = z.object({
  kind: str,
  label: str.optional(),
  result: str,
  ok: z.boolean(),
  detail: str,
});

export const agentDetailSchema = agentSchema.extend({
  metadata: z.unknown().meta({ type: 'object' }).optional(),
  checks: z.array(checkSchema).optional(),
  consents: z.object({
    total: int.optional(),
    items: z
      .array(
        z.object({
          id: uuid,
          sub: str,
          subject_name: nstr,
          resource: nstr,
          scopes: strs,
          status: str,
          granted_at: ntime,
          expires_at: ntime,
          revoked_at: ntime,
          last_used_at: ntime,
        }),
      )
      .optional(),
  }),
  token_counts: z
    .object({ active: int, refused: int, expired: int, revoked: int })
    .describe('`active` leaves out `refused` tokens: those a revocation entry covers'),
  scope_usage: z.array(
    z.object({
      scope: str,
      granted: z.boolean(),
      active_consents: int.optional(),
      calls: int.optional(),
      denied: int.optional(),
      tools: strs.optional(),
      last_used_at: ntime.optional(),
      unused: z.boolean(),
    }),
  ),
  verification_history: z.array(
    z.object({
      from_status: nstr,
      to_status: str,
      reason: nstr,
      actor: z.object({ type: nstr, id: nstr, label: nstr }),
      evidence: z.array(checkSchema).describe('the checks as they stood at the change'),
      at: time,
    }),
  ),
  family: z
    .array(
      z.object({
        id: uuid,
        client_id: str,
        verification_status: str,
        registered_at: ntime,
        last_seen_at: ntime,
        deleted_at: ntime,
        idle: z.boolean(),
      }),
    )
    .optional(),
});

export const verificationChangeSchema = agentSchema.extend({
  previous_status: str.optional(),
  revocation_seq: nstr.optional(),
});

export const agentStatusSchema = z.object({
  agent_id: uuid,
  issuer: str,
  client_id: str,
  verification_status: statusOut,
  status_changed_at: ntime.optional(),
  deleted_at: ntime.optional(),
  may_issue_tokens: z.boolean(),
  not_before: ntime.describe('tokens issued before it stay refused').optional(),
  allowed_scopes: strs.nullable(),
});
