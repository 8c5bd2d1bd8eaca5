import { z } from 'zod';
import { int, nstr, ntime, str, time, uuid } from '@/lib/api/fields';

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
