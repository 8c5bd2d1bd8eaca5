import { z } from 'zod';
import { booleanParam, listParams } from '@/lib/api/list';

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

export const consentListQuery = z.object({
  client_id: outsideId(2048).optional(),
  sub: outsideId(1024).optional(),
  active: booleanParam.optional(),
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
  active: booleanParam.optional(),
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
