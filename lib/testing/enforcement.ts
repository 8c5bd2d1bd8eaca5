import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { listEnforcementFacts } from '@/db/queries/enforcement';
import { insertRevocationEntry, type NewRevocationEntry } from '@/db/queries/revocations';
import { getSource } from '@/db/queries/sources';
import { recordAttempt } from '@/db/queries/revocation-deliveries';
import { auditEvents, outboxDeliveries } from '@/db/schema';
import type { IngestSource } from '@/lib/ingestion/batch';
import { ingestEvents } from '@/lib/ingestion/ingest';
import { enforcementOf, type EnforcingSource } from '@/lib/revocations/enforcement/status';
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

/** A source as the status rules see it: an enabled MCP server that enforces, never heard from. */
export function enforcingSource(over: Partial<EnforcingSource> = {}): EnforcingSource {
  return {
    id: 's',
    name: 'Acme CRM',
    kind: 'mcp_server',
    issuer: null,
    status: 'active',
    enforcesRevocations: true,
    lastHeartbeatAt: null,
    lastPushDeliveredAt: null,
    ...over,
  };
}

/** The push of an entry to a source, answered 2xx `at`, as the outbox worker records it. */
export async function deliverPush(db: Db, entryId: string, sourceId: string, at: Date) {
  const [delivery] = await db
    .select()
    .from(outboxDeliveries)
    .where(and(eq(outboxDeliveries.entryId, entryId), eq(outboxDeliveries.sourceId, sourceId)));
  if (!delivery) throw new Error('no push of this entry to this source: give it a webhook first');
  await db.transaction((tx) =>
    recordAttempt(tx, delivery, {
      at,
      statusCode: 204,
      error: null,
      durationMs: 5,
      status: 'delivered',
      nextAttemptAt: null,
    }),
  );
}
