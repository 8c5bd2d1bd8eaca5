import { randomUUID } from 'node:crypto';
import { executeTogether } from '@/db/queries/ingestion/bulk';
import {
  deleteHistoryStatement,
  insertHistoryStatement,
  loadConsentContext,
  updateHistoryStatement,
  upsertConsentsStatement,
  type ConsentColumns,
  type HistoryRow,
} from '@/db/queries/ingestion/consents';
import type { ConsentGrant, GrantChange } from './change';
import { consentKey, effectChanged, replayConsent, type ConsentTarget } from './consent-replay';

/** Whose tokens the change's consent changes may end: they are checked against every cause. */
export type ConsentOutcome = {
  /** consents replayed, or revoked by key */
  keys: Set<string>;
  /** agents deleted */
  revokedAgents: Set<string>;
  /** agent–subject pairs with a revocation of every scope */
  revokedPairs: { agentId: string; subjectId: string }[];
};

type Grants = Map<string, { target: Omit<ConsentTarget, 'id'>; rows: HistoryRow[] }>;

function grantRowsOf(grants: readonly ConsentGrant[]): Grants {
  const byKey: Grants = new Map();
  for (const g of grants) {
    const key = consentKey(g.agentId, g.subjectId, g.consentId, g.resource);
    const entry = byKey.get(key) ?? {
      target: { key, agentId: g.agentId, subjectId: g.subjectId },
      rows: [],
    };
    entry.rows.push({
      id: null,
      consentId: '',
      kind: 'grant',
      requested: g.scopes,
      resource: g.resource,
      expiresAt: g.expiresAt,
      mechanism: g.mechanism,
      revocationId: null,
      change: 'granted',
      added: [],
      removed: [],
      scopesAfter: [],
      occurredAt: g.at,
      actor: g.actor,
      reason: g.reason,
      sourceEventId: g.eventId,
    });
    byKey.set(key, entry);
  }
  return byKey;
}

/**
 * Grants and revocations: every consent the change touches is replayed from its full history and
 * the revocations that reach it (see consent-replay.ts). The change's revocations are already
 * stored (grantRevocationWrites).
 */
export async function projectConsents(change: GrantChange): Promise<ConsentOutcome> {
  const { tx, orgId } = change;
  const revocations = change.revocations ?? [];
  const grants = grantRowsOf(change.grants ?? []);
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
    orgId,
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
    upsertConsentsStatement(orgId, consents),
    deleteHistoryStatement(stale),
    insertHistoryStatement(orgId, inserts),
    updateHistoryStatement(updates),
  ]);
  return outcome;
}
