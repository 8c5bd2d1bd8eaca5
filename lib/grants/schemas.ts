import { z } from 'zod';
import { int, listOf, nstr, ntime, str, strs, uuid } from '@/lib/api/fields';
import { booleanParam, listParams } from '@/lib/api/list';
import { consentStates, tokenStates } from '@/lib/constants';
import { refusedBySchema, refusedMeaning } from '@/lib/revocations/refused-by';

/**
 * The management API's inputs for consents and tokens (shared/spec/admin-api.md), exported for
 * the OpenAPI document. The console's server actions check the same fields.
 */

/** A reason is required for every revocation: it is kept in the audit trail and the entries. */
export const requiredReason = z
  .string({ message: 'Give a reason.' })
  .trim()
  .min(1, 'Give a reason.')
  .max(500, 'Keep the reason under 500 characters.');

const outsideId = (max: number) => z.string().min(1, 'must not be empty').max(max);

const activeParam = booleanParam
  .optional()
  .describe(
    '`true`: only `active` ones (a refused one, covered by a revocation entry, is not active); ' +
      '`false`: every other one',
  );

export const consentListQuery = z.object({
  client_id: outsideId(2048).optional(),
  sub: outsideId(1024).optional(),
  active: activeParam,
  ...listParams,
});

export const revokeConsentBody = z.object({
  reason: requiredReason,
  /** only these scopes; without it, the whole consent */
  scopes: z
    .array(z.string().min(1, 'a scope must not be empty').max(500), {
      message: 'expected a list of scopes',
    })
    .min(1, 'name at least one scope, or leave scopes out to revoke the whole consent')
    .max(1000)
    .optional(),
});

export const tokenListQuery = z.object({
  client_id: outsideId(2048).optional(),
  sub: outsideId(1024).optional(),
  active: activeParam,
  ...listParams,
});

export const revokeTokenBody = z.object({
  reason: requiredReason,
  /** the token's whole refresh family */
  family: z.boolean({ message: 'expected true or false' }).optional().default(false),
});

export type RevokeConsentBody = z.infer<typeof revokeConsentBody>;
export type RevokeTokenBody = z.infer<typeof revokeTokenBody>;

/** `POST /api/v1/subjects/revoke`: one end user, by the outside identifiers, and why. */
export const revokeSubjectBody = z.object({
  issuer: outsideId(2048).describe('the authorization server that knows the end user'),
  sub: outsideId(1024).describe('the end user’s `sub` at that issuer'),
  reason: requiredReason,
});

/* The answers of the consents, tokens and subjects API, as present.ts writes them. */

export const consentSchema = z.object({
  id: uuid,
  consent_id: nstr.optional(),
  agent_id: uuid.optional(),
  agent_name: nstr.optional(),
  issuer: str,
  client_id: str,
  sub: str,
  subject_name: nstr.optional(),
  resource: nstr.optional(),
  scopes: strs,
  status: z.enum(consentStates).describe(refusedMeaning),
  refused_by: refusedBySchema,
  mechanism: nstr.optional(),
  granted_at: ntime,
  expires_at: ntime.optional(),
  revoked_at: ntime.optional(),
  last_used_at: ntime.optional(),
});

export const consentListSchema = listOf(consentSchema);

export const consentDetailSchema = consentSchema.extend({
  history: z.array(
    z.object({
      change: str,
      occurred_at: ntime,
      added: strs.nullable(),
      removed: strs.nullable(),
      scopes_after: strs.nullable(),
      actor: z
        .object({ type: str, id: nstr.optional(), email: nstr.optional() })
        .nullable()
        .describe('who made the change: an admin, the end user, or the source that reported it'),
      reason: nstr,
      source_event_id: nstr,
    }),
  ),
});

export const tokenSchema = z.object({
  id: uuid,
  token_ref: str,
  token_type: z.enum(['access_token', 'refresh_token']).nullable().optional(),
  agent_id: uuid.nullable().optional(),
  issuer: nstr.optional(),
  client_id: nstr.optional(),
  sub: nstr.optional(),
  consent_id: uuid.nullable().optional(),
  family_id: nstr.optional(),
  parent_ref: nstr.optional(),
  scopes: strs,
  resource: nstr.optional(),
  grant_type: nstr.optional(),
  state: z.enum(tokenStates).describe(refusedMeaning),
  refused_by: refusedBySchema,
  issued_at: ntime.optional(),
  expires_at: ntime.optional(),
  revoked_at: ntime.optional(),
  revoked_by: nstr.optional(),
  revocation_reason: nstr.optional(),
  family_revoked_at: ntime.optional(),
  last_used_at: ntime.optional(),
});

export const tokenListSchema = listOf(tokenSchema);

const madeEntries = z
  .array(z.object({ seq: str, kind: str }))
  .describe('the revocation entries this made (kind and seq)');

export const revokedConsentSchema = consentSchema.extend({ revocation_entries: madeEntries });
export const revokedTokenSchema = tokenSchema.extend({ revocation_entries: madeEntries });
export const revokedSubjectSchema = z.object({
  consents_revoked: int,
  revocation_entries: madeEntries,
});
