import { randomUUID } from 'node:crypto';
import type { Tx } from '@/db/client';
import { executeTogether } from '@/db/queries/ingestion/bulk';
import {
  deleteHistoryStatement,
  insertHistoryStatement,
  loadConsentContext,
  updateHistoryStatement,
  upsertConsentsStatement,
  type ConsentColumns,
  type GrantRevocationRow,
  type HistoryRow,
} from '@/db/queries/ingestion/consents';
import type { Batch } from '../batch';
import { consentKey, effectChanged, replayConsent, type ConsentTarget } from './consent-replay';

/** Whose tokens the batch's consent changes may end: they are checked against every cause. */
export type ConsentOutcome = {
  /** consents replayed, or revoked by key */
  keys: Set<string>;
  /** agents deleted */
  revokedAgents: Set<string>;
  /** agent–subject pairs with a revocation of every scope */
  revokedPairs: { agentId: string; subjectId: string }[];
};

/**
 * The batch's revocations of consents, stored (with the batch's other independent writes) before
 * the consents are replayed, so they also reach consents that arrive later.
 */
export function consentRevocationsOf(batch: Batch): GrantRevocationRow[] {
  const rows: GrantRevocationRow[] = [];
  for (const item of batch.of('consent.revoked')) {
    if (!item.agentId || !item.subjectId) continue;
    const d = item.data;
    rows.push({
      id: randomUUID(),
      agentId: item.agentId,
      subjectId: item.subjectId,
      // Without consent_id or resource, the revocation is of everything the subject granted
      // the agent.
      consentKey: d.consent_id
        ? consentKey(item.agentId, item.subjectId, d.consent_id, null)
        : null,
      resource: d.resource ?? null,
      scopes: d.scopes ?? null,
      occurredAt: item.time,
      eventType: item.type,
      reason: d.reason ?? null,
      actor: d.actor ?? null,
      sourceEventId: item.event.id,
    });
  }
  for (const item of batch.of('client.deleted')) {
    if (!item.agentId) continue;
    rows.push({
      id: randomUUID(),
      agentId: item.agentId,
      subjectId: null,
      consentKey: null,
      resource: null,
      scopes: null,
      occurredAt: item.time,
      eventType: item.type,
      reason: item.data.reason ?? null,
      actor: item.data.actor ?? null,
      sourceEventId: item.event.id,
    });
  }
  return rows;
}

function grantRowsOf(
  batch: Batch,
): Map<string, { target: Omit<ConsentTarget, 'id'>; rows: HistoryRow[] }> {
  const byKey = new Map<string, { target: Omit<ConsentTarget, 'id'>; rows: HistoryRow[] }>();
  for (const item of batch.of('consent.granted')) {
    if (!item.agentId || !item.subjectId) continue;
    const d = item.data;
    const key = consentKey(item.agentId, item.subjectId, d.consent_id, d.resource);
    const entry = byKey.get(key) ?? {
      target: { key, agentId: item.agentId, subjectId: item.subjectId },
      rows: [],
    };
    entry.rows.push({
      id: null,
      consentId: '',
      kind: 'grant',
      requested: d.scopes,
      resource: d.resource ?? null,
      expiresAt: d.expires_at ?? null,
      mechanism: d.mechanism ?? null,
      revocationId: null,
      change: 'granted',
      added: [],
      removed: [],
      scopesAfter: [],
      occurredAt: item.time,
      actor: d.actor ?? null,
      reason: d.reason ?? null,
      sourceEventId: item.event.id,
    });
    byKey.set(key, entry);
  }
  return byKey;
}

/**
 * consent.granted, consent.revoked and client.deleted: every consent the batch touches is
 * replayed from its full history and the revocations that reach it (see consent-replay.ts).
 * `revocations` are the batch's, already stored.
 */
export async function projectConsents(
  tx: Tx,
  batch: Batch,
  revocations: readonly GrantRevocationRow[],
): Promise<ConsentOutcome> {
  const grants = grantRowsOf(batch);
  const outcome: ConsentOutcome = { keys: new Set(), revokedAgents: new Set(), revokedPairs: [] };
  for (const r of revocations) {
    if (r.scopes !== null) continue;
    if (r.consentKey) outcome.keys.add(r.consentKey);
    else if (r.subjectId) outcome.revokedPairs.push({ agentId: r.agentId, subjectId: r.subjectId });
    else outcome.revokedAgents.add(r.agentId);
  }
  if (revocations.length === 0 && grants.size === 0) return outcome;

  const context = await loadConsentContext(
    tx,
    batch.orgId,
    [...grants.keys()],
    revocations,
    [...grants.values()].map(({ target }) => target),
  );
  const targets = new Map<string, ConsentTarget>(context.consents.map((c) => [c.key, c]));
  for (const [key, { target }] of grants) {
    if (!targets.has(key)) targets.set(key, { id: randomUUID(), ...target });
  }
  const historyOf = new Map<string, HistoryRow[]>();
  for (const row of context.history) {
    historyOf.set(row.consentId, [...(historyOf.get(row.consentId) ?? []), row]);
  }

  const consents: ConsentColumns[] = [];
  const inserts: HistoryRow[] = [];
  const updates: HistoryRow[] = [];
  const stale: string[] = [];
  for (const target of targets.values()) {
    const stored = historyOf.get(target.id) ?? [];
    const original = new Map(stored.map((row) => [row.id, row]));
    const copies = stored.map((row) => ({ ...row }));
    const replay = replayConsent(
      target,
      [...copies.filter((r) => r.kind === 'grant'), ...(grants.get(target.key)?.rows ?? [])],
      copies.filter((r) => r.kind === 'revoke'),
      context.revocations.filter((r) => r.agentId === target.agentId),
      context.usage.filter((u) => u.agentId === target.agentId),
    );
    consents.push(replay.columns);
    stale.push(...replay.stale);
    for (const row of replay.rows) {
      if (row.id === null) inserts.push({ ...row, consentId: target.id });
      else if (effectChanged(original.get(row.id)!, row)) updates.push(row);
    }
    outcome.keys.add(target.key);
  }
  // The new history rows may reference consents inserted by the same statement: foreign keys
  // are checked at the end of the statement.
  await executeTogether(tx, [
    upsertConsentsStatement(batch.orgId, consents),
    deleteHistoryStatement(stale),
    insertHistoryStatement(batch.orgId, inserts),
    updateHistoryStatement(updates),
  ]);
  return outcome;
}
