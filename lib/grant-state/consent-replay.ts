import type {
  ConsentColumns,
  GrantRevocationRow,
  HistoryRow,
} from '@/db/queries/ingestion/consents';
import { canonicalJson } from '@/lib/crypto/canonical-json';
import { compareKeys, compareText } from '@/lib/order-keys';

/**
 * `c|agent|subject|consent_id` when the authorization server names its consent, else
 * `r|agent|subject|resource`. A token computes the same key from its own fields to find its
 * consent.
 */
export function consentKey(
  agentId: string,
  subjectId: string,
  consentId: string | null | undefined,
  resource: string | null | undefined,
): string {
  return consentId
    ? `c|${agentId}|${subjectId}|${consentId}`
    : `r|${agentId}|${subjectId}|${resource ?? ''}`;
}

function externalIdOf(key: string): string | null {
  return key.startsWith('c|') ? key.split('|').slice(3).join('|') : null;
}

export type ConsentTarget = { id: string; key: string; agentId: string; subjectId: string };
export type Usage = { subjectId: string; resource: string; lastUsedAt: Date };

/** Does this revocation reach that consent? Null target fields reach everything. */
export function reaches(
  r: GrantRevocationRow,
  c: { key: string; agentId: string; subjectId: string; resource: string | null },
): boolean {
  return (
    r.agentId === c.agentId &&
    (r.subjectId === null || r.subjectId === c.subjectId) &&
    (r.consentKey === null || r.consentKey === c.key) &&
    (r.resource === null || r.resource === c.resource)
  );
}

export function mirrorOf(consentId: string, r: GrantRevocationRow): HistoryRow {
  return {
    id: null,
    consentId,
    kind: 'revoke',
    requested: r.scopes,
    resource: null,
    expiresAt: null,
    mechanism: null,
    revocationId: r.id,
    change: 'revoked',
    added: [],
    removed: [],
    scopesAfter: [],
    occurredAt: r.occurredAt,
    actor: r.actor ?? null,
    reason: r.reason ?? (r.eventType === 'client.deleted' ? 'agent deleted' : null),
    sourceEventId: r.sourceEventId,
  };
}

// At the same instant a revocation comes after a grant: an end is not undone by a tie.
const order = (r: HistoryRow) => [
  r.occurredAt,
  r.kind === 'grant' ? 0 : 1,
  canonicalJson(r.requested),
  r.sourceEventId ?? '',
  r.revocationId ?? '',
  r.id ?? '',
];

const sorted = (scopes: Iterable<string>) => [...scopes].sort(compareText);

export type ConsentReplay = {
  columns: ConsentColumns;
  /** every history row of the consent, with its effect computed */
  rows: HistoryRow[];
  /** existing mirror rows of revocations that no longer reach the consent */
  stale: string[];
};

/**
 * Replays a consent's grants and the revocations that reach it in time order. Per scope this is
 * last-writer-wins (the newest grant or revocation decides); the history's labels (granted,
 * widened, narrowed, revoked) come from the same replay, so state and history agree and both
 * are the same for any arrival order.
 */
export function replayConsent(
  target: ConsentTarget,
  grants: readonly HistoryRow[],
  mirrors: readonly HistoryRow[],
  revocations: readonly GrantRevocationRow[],
  usage: readonly Usage[],
): ConsentReplay {
  const byTime = (a: HistoryRow, b: HistoryRow) => compareKeys(order(a), order(b));
  const sortedGrants = [...grants].sort(byTime);
  const newest = sortedGrants[sortedGrants.length - 1];
  if (!newest) throw new Error(`consent ${target.key} has no grant`);
  const resource = newest.resource;
  const reached = revocations.filter((r) => reaches(r, { ...target, resource }));
  const mirrorOfRevocation = new Map(mirrors.map((m) => [m.revocationId, m]));
  const reachedIds = new Set(reached.map((r) => r.id));
  const stale = mirrors.filter((m) => !reachedIds.has(m.revocationId!)).map((m) => m.id!);
  const rows = [
    ...sortedGrants,
    ...reached.map((r) => mirrorOfRevocation.get(r.id) ?? mirrorOf(target.id, r)),
  ].sort(byTime);

  const scopes = new Set<string>();
  let endedAt: Date | null = null;
  for (const row of rows) {
    const before = sorted(scopes);
    if (row.kind === 'grant') for (const s of row.requested ?? []) scopes.add(s);
    else if (row.requested === null) scopes.clear();
    else for (const s of row.requested) scopes.delete(s);
    const after = sorted(scopes);
    row.added = after.filter((s) => !before.includes(s));
    row.removed = before.filter((s) => !after.includes(s));
    row.scopesAfter = after;
    if (row.kind === 'grant') {
      row.change = before.length > 0 && row.added.length > 0 ? 'widened' : 'granted';
    } else {
      row.change = after.length === 0 ? 'revoked' : 'narrowed';
      if (after.length === 0 && before.length > 0) endedAt = row.occurredAt;
    }
  }

  const active = scopes.size > 0;
  let lastUsedAt: Date | null = null;
  for (const u of usage) {
    if (u.subjectId !== target.subjectId) continue;
    if (resource !== null && u.resource !== resource) continue;
    if (!lastUsedAt || u.lastUsedAt > lastUsedAt) lastUsedAt = u.lastUsedAt;
  }
  return {
    columns: {
      id: target.id,
      key: target.key,
      externalId: externalIdOf(target.key),
      agentId: target.agentId,
      subjectId: target.subjectId,
      resource,
      scopes: sorted(scopes),
      status: active ? 'active' : 'revoked',
      mechanism: newest.mechanism,
      grantedAt: sortedGrants[0]!.occurredAt,
      expiresAt: newest.expiresAt,
      revokedAt: active ? null : endedAt,
      lastUsedAt,
    },
    rows,
    stale,
  };
}

/** Whether a replay changed the computed effect of an existing row. */
export function effectChanged(before: HistoryRow, after: HistoryRow): boolean {
  return (
    before.change !== after.change ||
    canonicalJson([before.added, before.removed, before.scopesAfter]) !==
      canonicalJson([after.added, after.removed, after.scopesAfter])
  );
}
