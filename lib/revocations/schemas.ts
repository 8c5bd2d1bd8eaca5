import { z } from 'zod';
import { int, listOf, nstr, ntime, str, time, uuid } from '@/lib/api/fields';

/** The answers of the revocations API, as present.ts and present-deliveries.ts write them. */

export const revocationEntrySchema = z.object({
  seq: z.string().meta({ pattern: '^[0-9]+$' }).describe('per org, strictly increasing'),
  kind: z.enum(['token', 'family', 'grant', 'agent', 'subject']),
  token_ref: str.optional(),
  family_id: str.optional(),
  issuer: str.optional(),
  client_id: str.optional(),
  sub: str.optional(),
  revoked_at: time,
  not_before: time.describe('tokens issued at or after it are not revoked').optional(),
  reason: nstr,
  actor: z.object({ type: str, id: nstr }),
});

export const feedSchema = z.object({
  items: z.array(revocationEntrySchema),
  next: z.string().describe('pass as `after` to continue'),
});

export const checkAnswerSchema = z.object({
  revoked: z.boolean(),
  entry: revocationEntrySchema.nullable(),
});

const count = z.number().int().min(0);

/** `GET /api/v1/revocations/{seq}`: the entry and where it is enforced (revocation.md, Enforcement). */
export const entryEnforcementSchema = revocationEntrySchema.extend({
  enforcement: z.array(
    z.object({
      source_id: uuid,
      name: str,
      kind: z.enum(['authorization_server', 'mcp_server', 'gateway']),
      status: z
        .enum(['applied', 'pending', 'unreachable', 'not_enforcing', 'unknown'])
        .describe(
          '`applied`: acknowledged (revocation.applied or a push answered 2xx); `pending`: live but not yet acknowledged; `unreachable`: nothing heard for over 2 minutes; `not_enforcing`: a leak was seen there; `unknown`: it never acknowledged anything',
        ),
      applied_at: ntime,
      latency_ms: int.nullable().describe('from the entry’s `revoked_at` to `applied_at`'),
      leaks: count.describe('events showing a covered token still worked there'),
      counted: z
        .boolean()
        .describe('false for a source marked as not enforcing, or disabled: listed, never counted'),
    }),
  ),
  summary: z.object({ should: count, applied: count, not_enforcing: count }),
});

export const leakListSchema = listOf(
  z.object({
    id: uuid,
    seq: z.string().describe('the entry the leak is of'),
    entry_kind: z.enum(['token', 'family', 'grant', 'agent', 'subject']),
    source_id: uuid,
    source_name: str,
    source_kind: z.enum(['authorization_server', 'mcp_server', 'gateway']),
    client_id: nstr,
    sub: nstr,
    agent_id: uuid.nullable(),
    events: count.describe('leaking events seen: the first is in the audit trail'),
    refreshes: count.describe('of them, refresh-token grants of an authorization server'),
    first_at: time,
    last_at: time,
    detected_at: time,
    summary: str,
  }),
);

export const deliveriesSchema = z.object({
  entry: revocationEntrySchema,
  deliveries: z.array(
    z.object({
      source_id: uuid,
      source_name: str,
      url: str,
      status: z.enum(['pending', 'delivered', 'failed']),
      attempts: int,
      delivered_at: ntime.optional(),
      next_attempt_at: ntime.optional(),
      last_error: nstr.optional(),
      history: z.array(
        z.object({
          attempted_at: time,
          status_code: int.nullable(),
          error: nstr,
          duration_ms: int.nullable(),
        }),
      ),
    }),
  ),
});
