import { z } from 'zod';
import { listParams } from '@/lib/api/list';
import { verificationStatuses } from '@/lib/constants';

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
