import { z } from 'zod';
import { int, nstr, ntime, str, strs, time, uuid } from '@/lib/api/fields';

/** The answers of the sources API, as present.ts writes them (never a secret but once). */

export const sourceSchema = z.object({
  id: uuid,
  name: str,
  kind: z.enum(['authorization_server', 'mcp_server', 'gateway']),
  issuer: nstr.optional(),
  resource: nstr.optional(),
  resources: strs
    .describe(
      'Every resource the source speaks for: `resource` first, then the further ones of a gateway',
    )
    .optional(),
  revocation_webhook_url: nstr.optional(),
  enforces_revocations: z
    .boolean()
    .describe(
      'false: listed where entries should be enforced, but never counted (e.g. an authorization server that only reports)',
    )
    .optional(),
  applied_through_seq: nstr
    .describe('how far it has applied the revocation entries (`revocation.applied`); null: never')
    .optional(),
  last_heartbeat_at: ntime
    .describe('when the hub last received its `revocation.applied`, advancing or a heartbeat')
    .optional(),
  last_push_delivered_at: ntime
    .describe('when it last answered a revocation push with 2xx')
    .optional(),
  status: z.enum(['active', 'disabled']),
  endpoint_url: z.string().meta({ format: 'uri' }),
  api_key_prefix: nstr.optional(),
  rate_limit_per_minute: int.optional(),
  events: z
    .object({ accepted: int.optional(), duplicates: int.optional(), refused: int.optional() })
    .optional(),
  last_event_at: ntime.optional(),
  created_at: time,
  disabled_at: ntime.optional(),
});

export const sourceListSchema = z.object({
  items: z.array(sourceSchema),
  next_cursor: z.null().optional(),
});

export const createdSourceSchema = sourceSchema.extend({
  signing_secret: z.string().describe('`whsec_…`, shown once'),
  api_key: z.string().describe('`hubsrc_…`, shown once'),
});

export const rotatedSecretSchema = sourceSchema.extend({
  signing_secret: str,
  previous_secret_valid_until: time,
});

export const rotatedApiKeySchema = sourceSchema.extend({
  api_key: z.string().describe('`hubsrc_…`, shown once'),
  previous_api_key_valid_until: time,
});

export const ingestedSchema = z.object({ accepted: int.optional(), duplicates: int.optional() });
