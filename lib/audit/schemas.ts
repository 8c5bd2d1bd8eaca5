import { z } from 'zod';
import { int, listOf, nstr, str, time, uuid } from '@/lib/api/fields';

/** The answers of the audit API, as present.ts and seal/present.ts write them. */

export const auditEventSchema = z.object({
  id: z.union([int, z.string()]),
  occurred_at: time,
  recorded_at: time,
  type: str,
  source_id: uuid.nullable().optional(),
  actor: z.object({ type: nstr, id: nstr, label: nstr }).nullable().optional(),
  issuer: nstr.optional(),
  client_id: nstr.optional(),
  sub: nstr.optional(),
  resource: nstr.optional(),
  tool: nstr.optional(),
  token_ref: nstr.optional(),
  outcome: nstr.optional(),
  ip: nstr.optional(),
  user_agent: nstr.optional(),
  reason: nstr.optional(),
  summary: str,
  data: z
    .unknown()
    .meta({ type: 'object' })
    .describe('the raw CloudEvent, or an admin action’s before/after'),
});

export const auditListSchema = listOf(auditEventSchema);

/** The Ed25519 public keys of audit checkpoints, a JWK Set: public members only, never `d`. */
export const auditKeysSchema = z.object({
  keys: z.array(z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: str, kid: str })),
});

export const verificationSchema = z.object({
  status: z.enum(['verified', 'failed', 'never']),
  finished_at: z.string().nullable().meta({ format: 'date-time' }).optional(),
  verified_through: z.string().nullable().meta({ format: 'date-time' }).optional(),
  events: int,
  checkpoints: int,
  unsealed_events: int.optional(),
  dropped_events: int.optional(),
  head: z.object({ seq: int, hash: str }).nullable().optional(),
  problem_count: int,
  running: z
    .boolean()
    .describe('a verification of the trail is running now (poll until false)')
    .optional(),
  problems: z.array(z.object({ kind: str, seq: int.optional(), detail: str })),
});
