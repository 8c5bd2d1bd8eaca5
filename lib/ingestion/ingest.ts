import type { Db } from '@/db/client';
import { enterAuditWriteGate } from '@/db/queries/audit-seal';
import { executeTogether } from '@/db/queries/ingestion/bulk';
import {
  auditRowsStatement,
  authorizationServerIssuers,
  claimEvents,
} from '@/db/queries/ingestion/events';
import { auditRowsOf } from './audit-rows';
import { Batch, needsOrgIssuers, type IngestSource } from './batch';
import { grantRevocationWrites, replayGrantChange } from '@/lib/grant-state/apply';
import { insertIngestedEntries } from '@/lib/grant-state/ingested-entries';
import { projectAgentMetadata } from './projections/agent-metadata';
import { grantChangeOf } from './projections/grants';
import { projectIdentities } from './projections/identities';
import { projectMcpServers, serverSightOf } from './projections/mcp-servers';
import { tokenUseOf, usageStatements } from './projections/usage';
import type { ValidatedEvent } from './validate';
import { acknowledgementsOf, leakEvidenceOf } from './projections/enforcement';
import { applyAcknowledgements } from '@/lib/revocations/enforcement/acknowledge';
import { detectLeaks } from '@/lib/revocations/enforcement/detect';

export type { IngestSource } from './batch';

/**
 * Applies validated events of one source. All-or-nothing: one transaction for the whole batch.
 * Idempotent on (source id, event id), durably (ingested_events): an event seen before, in an
 * earlier request or earlier in this one, counts as a duplicate and changes nothing.
 *
 * The derived state comes out the same for any order and repetition of the same events:
 * counters only add, first/last times only move outward, metadata and consents are replayed from
 * their stored history in event-time order, every end (a revocation, a deletion) is stored so it
 * also reaches what arrives after it, and a token's end is recomputed from all of them.
 *
 * Round trips are per batch, not per event: one statement claims the ids, one upserts the
 * agents and subjects, one makes the writes that depend on nothing else (audit rows, usage,
 * revocations), and each of metadata, catalogs, consents and tokens adds a few only when the
 * batch has such events.
 */
export async function ingestEvents(
  db: Db,
  source: IngestSource,
  events: ValidatedEvent[],
): Promise<{ accepted: number; duplicates: number }> {
  const seen = new Set<string>();
  const unique = events.filter((e) => !seen.has(e.id) && seen.add(e.id));

  return db.transaction(async (tx) => {
    await enterAuditWriteGate(tx);
    const { fresh, sourceFound } = await claimEvents(
      tx,
      source.orgId,
      source.id,
      unique.map((e) => e.id),
      events.length,
    );
    if (!sourceFound) throw new Error(`source ${source.id} does not exist in org ${source.orgId}`);
    const accepted = unique.filter((e) => fresh.has(e.id));
    const counts = { accepted: accepted.length, duplicates: events.length - accepted.length };
    if (accepted.length === 0) return counts;

    const orgIssuers = needsOrgIssuers(accepted, source)
      ? await authorizationServerIssuers(tx, source.orgId)
      : [];
    const batch = new Batch(source, accepted, orgIssuers);
    await projectIdentities(tx, batch);
    // Consents, tokens and their ends are lib/grant-state's: the batch says what changed.
    const grants = grantChangeOf(tx, batch);
    // A heartbeat (an acknowledgement that moves nothing) is accepted but kept out of the trail.
    const heartbeats = await applyAcknowledgements(
      tx,
      source.orgId,
      source.id,
      acknowledgementsOf(batch),
    );
    const auditRows = auditRowsOf(batch).filter(
      (r) => r.sourceEventId === null || !heartbeats.has(r.sourceEventId),
    );
    await executeTogether(tx, [
      auditRowsStatement(source.orgId, source.id, auditRows),
      ...usageStatements(batch),
      ...tokenUseOf(batch),
      serverSightOf(batch),
      ...grantRevocationWrites(grants),
    ]);
    await projectAgentMetadata(tx, batch);
    await projectMcpServers(tx, batch);
    await replayGrantChange(grants);
    // The ends the batch made, as revocation entries for servers (shared/spec/revocation.md).
    await insertIngestedEntries({
      tx,
      orgId: source.orgId,
      sourceId: source.id,
      tokenRevoked: batch.of('token.revoked'),
      reuseDetected: batch.of('token.reuse_detected'),
      clientDeleted: batch.of('client.deleted'),
      consentRevoked: batch.of('consent.revoked'),
      consentGranted: batch.of('consent.granted'),
    });
    // After the batch's own entries, so a call later in the batch than its revocation is seen.
    await detectLeaks(tx, source, leakEvidenceOf(batch));
    return counts;
  });
}
