import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { listEnforcementFacts } from '@/db/queries/enforcement';
import { insertRevocationEntry, type NewRevocationEntry } from '@/db/queries/revocations';
import { getSource } from '@/db/queries/sources';
import { auditEvents } from '@/db/schema';
import type { IngestSource } from '@/lib/ingestion/batch';
import { ingestEvents } from '@/lib/ingestion/ingest';
import { enforcementOf } from '@/lib/revocations/enforcement/status';
import { CLAUDE } from './builders';
import { AS_ISSUER, cloudEvent, timeAt, validated } from './events';

/** Scenes of revocation enforcement (lib/revocations/enforcement) for tests. */

/** An entry revoked `at` seconds after the test events' fixed instant; an agent entry by default. */
export function entryAt(
  db: Db,
  orgId: string,
  at: number,
  entry: Partial<NewRevocationEntry> = {},
) {
  return insertRevocationEntry(db, orgId, {
    kind: 'agent',
    issuer: AS_ISSUER,
    clientId: CLAUDE,
    revokedAt: new Date(timeAt(at)),
    actor: { type: 'admin', id: 'tester' },
    ...entry,
  });
}

export const appliedEvent = (throughSeq: string | number, at: number) =>
  cloudEvent('revocation.applied', { through_seq: String(throughSeq) }, at);

/** Ingests events as `source` sends them, whatever their type. */
export function sendFrom(db: Db, source: IngestSource, ...events: Record<string, unknown>[]) {
  return ingestEvents(db, source, validated(events, source));
}

/** The audit rows of one type a source's events made. */
export function auditOf(db: Db, orgId: string, type: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.type, type)));
}

/** Each source's status for an entry, by source id, as the API computes it at `now`. */
export async function statusesOf(
  db: Db,
  orgId: string,
  entry: { id: string; issuer: string | null; revokedAt: Date },
  sourceIds: readonly string[],
  now = new Date(),
) {
  const sources = await Promise.all(sourceIds.map((id) => getSource(db, orgId, id)));
  const facts = await listEnforcementFacts(db, orgId, [entry.id]);
  const result = enforcementOf(
    entry,
    sources.filter((s) => s !== null),
    facts,
    now,
  );
  return {
    ...result,
    status: new Map(result.enforcement.map((e) => [e.source.id, e.status])),
    of: (id: string) => result.enforcement.find((e) => e.source.id === id),
  };
}
