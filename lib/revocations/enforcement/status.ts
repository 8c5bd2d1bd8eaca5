import type { EnforcementFact } from '@/db/queries/enforcement';
import type { SourceKind } from '@/lib/constants';

/**
 * Where one entry stands at each source that should enforce it (shared/spec/revocation.md,
 * Enforcement): the status table, computed from facts the database gathers
 * (db/queries/enforcement.ts) and the time of asking, so it is tested without waiting.
 */

export const enforcementStatuses = [
  'applied',
  'pending',
  'unreachable',
  'not_enforcing',
  'unknown',
] as const;
export type EnforcementStatus = (typeof enforcementStatuses)[number];

/** A source not heard from (acknowledgement, heartbeat or successful push) for longer is unreachable. */
export const LIVE_WINDOW_MS = 2 * 60_000;

export type EnforcingSource = {
  id: string;
  name: string;
  kind: SourceKind;
  issuer: string | null;
  status: 'active' | 'disabled';
  enforcesRevocations: boolean;
  lastHeartbeatAt: Date | null;
  lastPushDeliveredAt: Date | null;
};

export type SourceEnforcement = {
  source: EnforcingSource;
  status: EnforcementStatus;
  appliedAt: Date | null;
  latencyMs: number | null;
  leaks: number;
  /** in the summary: the source says it enforces and is enabled */
  counted: boolean;
};

export type EnforcementSummary = { should: number; applied: number; not_enforcing: number };

/** Every MCP server and gateway, and the authorization server whose issuer the entry names. */
export function shouldEnforce(entry: { issuer: string | null }, source: EnforcingSource): boolean {
  if (source.kind !== 'authorization_server') return true;
  return entry.issuer !== null && source.issuer === entry.issuer;
}

const earliest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);
const latest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/** One row of the status table. */
export function statusAt(
  entry: { revokedAt: Date },
  source: EnforcingSource,
  fact: Pick<EnforcementFact, 'ackAt' | 'pushAt' | 'leaks'> | undefined,
  now: Date,
): Omit<SourceEnforcement, 'source' | 'counted'> {
  const leaks = fact?.leaks ?? 0;
  const appliedAt = earliest(fact?.ackAt ?? null, fact?.pushAt ?? null);
  // A source's clock a little behind the hub's must not make a negative time-to-enforce.
  const latencyMs = appliedAt ? Math.max(0, appliedAt.getTime() - entry.revokedAt.getTime()) : null;
  const applied = { appliedAt, latencyMs, leaks };
  if (leaks > 0) return { status: 'not_enforcing', ...applied };
  if (appliedAt) return { status: 'applied', ...applied };
  const lastLive = latest(source.lastHeartbeatAt, source.lastPushDeliveredAt);
  if (!lastLive) return { status: 'unknown', ...applied };
  const live = now.getTime() - lastLive.getTime() <= LIVE_WINDOW_MS;
  return { status: live ? 'pending' : 'unreachable', ...applied };
}

/**
 * Each source that should enforce the entry with its status, in the order given; a source
 * marked as not enforcing, or disabled, is listed but not counted.
 */
export function enforcementOf(
  entry: { id: string; issuer: string | null; revokedAt: Date },
  sources: readonly EnforcingSource[],
  facts: readonly EnforcementFact[],
  now: Date,
): { enforcement: SourceEnforcement[]; summary: EnforcementSummary } {
  const enforcement = sources
    .filter((s) => shouldEnforce(entry, s))
    .map((source) => ({
      source,
      ...statusAt(
        entry,
        source,
        facts.find((f) => f.entryId === entry.id && f.sourceId === source.id),
        now,
      ),
      counted: source.enforcesRevocations && source.status === 'active',
    }));
  const counted = enforcement.filter((e) => e.counted);
  return {
    enforcement,
    summary: {
      should: counted.length,
      applied: counted.filter((e) => e.status === 'applied').length,
      not_enforcing: counted.filter((e) => e.status === 'not_enforcing').length,
    },
  };
}
