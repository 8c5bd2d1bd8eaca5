import type { RevocationEntry } from '@/db/schema';

/**
 * A revocation entry as feed, stream, push and check carry it (shared/spec/revocation.md): `seq`
 * as a decimal string, only the fields of its kind, RFC 3339 times.
 */
export function presentEntry(entry: RevocationEntry) {
  const actor = entry.actor as { type?: string; id?: string | null };
  return {
    seq: entry.seq.toString(),
    kind: entry.kind,
    ...(entry.tokenRef !== null ? { token_ref: entry.tokenRef } : {}),
    ...(entry.familyId !== null ? { family_id: entry.familyId } : {}),
    ...(entry.issuer !== null ? { issuer: entry.issuer } : {}),
    ...(entry.clientId !== null ? { client_id: entry.clientId } : {}),
    ...(entry.sub !== null ? { sub: entry.sub } : {}),
    revoked_at: entry.revokedAt.toISOString(),
    ...(entry.notBefore ? { not_before: entry.notBefore.toISOString() } : {}),
    reason: entry.reason ?? null,
    actor: { type: actor.type ?? 'system', id: actor.id ?? null },
  };
}

export type PresentedEntry = ReturnType<typeof presentEntry>;
