import { z } from 'zod';
import type { RevocationEntry } from '@/db/schema';

/** What a server asks about one token: any of its identifiers (shared/spec/revocation.md). */
export const checkBody = z
  .object({
    token_ref: z.string().min(1).max(512).optional(),
    family_id: z.string().min(1).max(512).optional(),
    issuer: z.string().min(1).max(2048).optional(),
    client_id: z.string().min(1).max(512).optional(),
    sub: z.string().min(1).max(512).optional(),
    /** compatible extension: when the token was issued, to honour a reinstatement's not_before */
    issued_at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine(
    (v) => v.token_ref || v.family_id || (v.issuer && (v.client_id || v.sub)),
    'Name a token_ref, a family_id, or an issuer with a client_id and/or a sub.',
  );
export type CheckInput = z.infer<typeof checkBody>;

/*
 * Which entry refuses the token is decided in SQL, by findRefusingEntry (db/queries/refusals.ts):
 * the same definition every read of tokens, consents and agents uses for `refused_by`.
 */

/**
 * The same rule in memory, for leak detection (lib/revocations/enforcement), which holds an event's
 * candidate entries rather than a stored token. What deciding needs of an entry:
 */
export type DecidableEntry = Pick<RevocationEntry, 'kind' | 'seq' | 'notBefore'>;

/**
 * Every entry that refuses the token, newest first. A token or family entry always does. For
 * grant, agent and subject the newest entry of each decides: one carrying `not_before` (a
 * reinstatement) refuses only tokens issued before it. When the issuance is unknown, `unknown`
 * says which way to go: a server that cannot tell must not let an old token through (`refuse`),
 * while a leak must be proven (`allow`).
 */
export function refusingEntries<E extends DecidableEntry>(
  entries: readonly E[],
  issuedAt: Date | null,
  unknown: 'refuse' | 'allow' = 'refuse',
): E[] {
  const newest = new Map<string, E>();
  const refusing: E[] = [];
  for (const entry of entries) {
    if (entry.kind === 'token' || entry.kind === 'family') {
      refusing.push(entry);
      continue;
    }
    const current = newest.get(entry.kind);
    if (!current || entry.seq > current.seq) newest.set(entry.kind, entry);
  }
  for (const entry of newest.values()) {
    if (!entry.notBefore) refusing.push(entry);
    else if (issuedAt ? issuedAt < entry.notBefore : unknown === 'refuse') refusing.push(entry);
  }
  return refusing.sort((a, b) => (a.seq < b.seq ? 1 : a.seq > b.seq ? -1 : 0));
}
