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

const dateTime = () => z.string().nullable().meta({ format: 'date-time' });

export const verificationSchema = z.object({
  status: z.enum(['verified', 'failed', 'never']),
  kind: z
    .enum(['full', 'incremental'])
    .nullable()
    .describe(
      'full: every checkpoint and event was read; incremental: only the checkpoints sealed since the last successful run, chained on from its head',
    )
    .optional(),
  finished_at: dateTime().optional(),
  verified_through: z.string().nullable().meta({ format: 'date-time' }).optional(),
  events: int,
  checkpoints: int,
  unsealed_events: int.optional(),
  dropped_events: int.optional(),
  head: z.object({ seq: int, hash: str }).nullable().optional(),
  checked_from: int
    .nullable()
    .describe('seq of the first checkpoint the run read (1 for a full run); null when it read none')
    .optional(),
  checked_checkpoints: int.describe('checkpoints the run read itself').optional(),
  checked_events: int.describe('events the run read itself').optional(),
  last_full: z
    .object({ status: z.enum(['verified', 'failed']), finished_at: dateTime() })
    .nullable()
    .describe('the newest full verification (one runs at least daily, and on demand)')
    .optional(),
  sealing: z
    .object({
      sealed_through: dateTime().describe('recorded_at of the newest sealed event'),
      events: int.describe('events sealed (months dropped by retention left out)'),
      checkpoints: int,
      last_sealed_at: dateTime().describe('when the newest checkpoint was signed'),
      unsealed_events: int,
      oldest_unsealed_at: dateTime(),
    })
    .describe('how far the signed checkpoints reach now, whatever was verified')
    .optional(),
  problem_count: int,
  running: z
    .boolean()
    .describe('a verification of the trail is running now (poll until false)')
    .optional(),
  problems: z.array(z.object({ kind: str, seq: int.optional(), detail: str })),
});
