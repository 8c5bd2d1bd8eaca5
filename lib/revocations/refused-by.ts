import { z } from 'zod';
import type { RefusedBy } from '@/db/queries/refusals';
import { nstr, str, time } from '@/lib/api/fields';
import { revocationKinds } from '@/lib/constants';

/**
 * `refused_by` of tokens, consents and agents (shared/spec/revocation.md, end of *Enforcement*):
 * the revocation entry that covers it, decided by db/queries/refusals.ts with the rules of the
 * check endpoint.
 */
export const refusedBySchema = z
  .object({
    seq: str.describe('the entry’s seq: `GET /api/v1/revocations/{seq}`'),
    kind: z.enum(revocationKinds),
    revoked_at: time,
    reason: nstr,
    not_before: time
      .describe('when the refusing entry is a reinstatement: tokens issued before it stay refused')
      .optional(),
  })
  .nullable()
  .describe(
    'The revocation entry that covers it, or null. While an entry covers it, it is `refused` ' +
      '(never `active`), whatever its authorization server last reported: MCP servers following ' +
      'the hub refuse its tokens. A reinstated agent or grant (an entry with `not_before`) covers ' +
      'only tokens issued before the reinstatement.',
  );

export const refusedMeaning =
  '`refused`: not revoked or expired by its authorization server, but a revocation entry covers ' +
  'it (`refused_by`), so servers following the hub refuse it.';

/** What a row read with refusedBySql carries, as the API answers it. */
export function presentRefusedBy(value: RefusedBy | null | undefined) {
  if (!value) return null;
  return {
    seq: String(value.seq),
    kind: value.kind,
    revoked_at: new Date(value.revoked_at).toISOString(),
    reason: value.reason ?? null,
    ...(value.not_before ? { not_before: new Date(value.not_before).toISOString() } : {}),
  };
}
