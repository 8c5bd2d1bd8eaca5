import type { Tx } from '@/db/client';
import type { LiveToken } from '@/db/queries/grant-revocation';
import { insertRevocationEntries, type NewRevocationEntry } from '@/db/queries/revocations';
import type { AuditActor } from '@/lib/audit/actor';

/** What an admin's revocation made, for the answer and the audit row. */
export type MadeEntry = { seq: bigint; kind: NewRevocationEntry['kind'] };

/** The `actor` of grant_revocations rows and of the scope history: who, as the console shows it. */
export function adminActor(actor: AuditActor) {
  return { type: actor.type ?? 'admin', id: actor.id, email: actor.email };
}

/**
 * The live tokens to refuse, as entries: one `family` entry per refresh family (it also stops the
 * refresh tokens that would mint new ones), one `token` entry per token outside any family.
 */
export function tokenEntriesOf(live: readonly LiveToken[]) {
  const families = [...new Set(live.flatMap((t) => (t.familyId ? [t.familyId] : [])))];
  const loose = live.filter((t) => !t.familyId).map((t) => t.tokenRef);
  return { families, loose };
}

export async function insertEntries(
  tx: Tx,
  orgId: string,
  actor: AuditActor,
  entries: Omit<NewRevocationEntry, 'actor' | 'revokedAt' | 'reason'>[],
  common: { revokedAt: Date; reason: string },
): Promise<MadeEntry[]> {
  const rows = await insertRevocationEntries(
    tx,
    orgId,
    entries.map((entry) => ({
      ...entry,
      ...common,
      actor: { type: actor.type ?? 'admin', id: actor.id },
    })),
  );
  return rows.map((row) => ({ seq: row.seq, kind: row.kind }));
}
