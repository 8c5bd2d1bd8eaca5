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

/**
 * The entry that refuses the token, if any. A token or family entry always does. For grant, agent
 * and subject the newest entry of each decides: one carrying `not_before` (a reinstatement)
 * refuses only tokens issued before it — and, when the issuance is unknown, the token too, since
 * a server that cannot tell must not let an old token through.
 */
export function decide(entries: RevocationEntry[], issuedAt: Date | null): RevocationEntry | null {
  const newest = new Map<string, RevocationEntry>();
  const refusing: RevocationEntry[] = [];
  for (const entry of entries) {
    if (entry.kind === 'token' || entry.kind === 'family') {
      refusing.push(entry);
      continue;
    }
    const current = newest.get(entry.kind);
    if (!current || entry.seq > current.seq) newest.set(entry.kind, entry);
  }
  for (const entry of newest.values()) {
    if (!entry.notBefore || !issuedAt || issuedAt < entry.notBefore) refusing.push(entry);
  }
  refusing.sort((a, b) => (a.seq < b.seq ? 1 : a.seq > b.seq ? -1 : 0));
  return refusing[0] ?? null;
}
