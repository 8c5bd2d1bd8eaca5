import type { SealingProgressRecord, VerificationRecord } from '@/db/queries/audit-seal';
import type { TrailProblem, VerificationKind } from './verify';

/** What the last verification of an org's trail found, as the API and the console show it. */
export type VerificationJson = {
  status: 'verified' | 'failed' | 'never';
  /** full: every checkpoint and event; incremental: only what was sealed since the last good run */
  kind: VerificationKind | null;
  finished_at: string | null;
  verified_through: string | null;
  /** events and checkpoints proven through the head (an incremental run adds to the last ones) */
  events: number;
  checkpoints: number;
  /** seq of the first checkpoint the run read (1 for a full run), null when it read none */
  checked_from: number | null;
  /** what the run itself read */
  checked_checkpoints: number;
  checked_events: number;
  unsealed_events: number;
  dropped_events: number;
  head: { seq: number; hash: string } | null;
  problem_count: number;
  problems: TrailProblem[];
};

/** The newest full verification, which the daily schedule and "Verify now" run. */
export type LastFullJson = { status: 'verified' | 'failed'; finished_at: string } | null;

/** How far the org's sealed checkpoints reach, whatever was verified. */
export type SealingJson = {
  /** recorded_at of the newest sealed event; null when nothing is sealed yet */
  sealed_through: string | null;
  /** events sealed (months dropped by retention left out) and checkpoints signed */
  events: number;
  checkpoints: number;
  /** when the newest checkpoint was signed */
  last_sealed_at: string | null;
  unsealed_events: number;
  oldest_unsealed_at: string | null;
};

type StoredProblems = { count?: number; items?: TrailProblem[] };

export function presentVerification(v: VerificationRecord | null): VerificationJson {
  if (!v) {
    return {
      status: 'never',
      kind: null,
      finished_at: null,
      verified_through: null,
      events: 0,
      checkpoints: 0,
      checked_from: null,
      checked_checkpoints: 0,
      checked_events: 0,
      unsealed_events: 0,
      dropped_events: 0,
      head: null,
      problem_count: 0,
      problems: [],
    };
  }
  const problems = (v.problems ?? {}) as StoredProblems;
  return {
    status: v.ok ? 'verified' : 'failed',
    kind: v.kind,
    finished_at: v.finishedAt.toISOString(),
    verified_through: v.verifiedThrough?.toISOString() ?? null,
    events: v.events,
    checkpoints: v.checkpoints,
    // Runs recorded before incremental ones were all full.
    checked_from: v.checkedCheckpoints == null ? (v.checkpoints > 0 ? 1 : null) : v.checkedFromSeq,
    checked_checkpoints: v.checkedCheckpoints ?? v.checkpoints,
    checked_events: v.checkedEvents ?? v.events,
    unsealed_events: v.unsealedEvents,
    dropped_events: v.droppedEvents,
    head: v.headSeq != null && v.headHash ? { seq: v.headSeq, hash: v.headHash } : null,
    problem_count: problems.count ?? 0,
    problems: problems.items ?? [],
  };
}

export function presentLastFull(v: VerificationRecord | null): LastFullJson {
  return v
    ? { status: v.ok ? 'verified' : 'failed', finished_at: v.finishedAt.toISOString() }
    : null;
}

export function presentSealing(p: SealingProgressRecord, droppedEvents: number): SealingJson {
  return {
    sealed_through: p.head?.lastRecordedAt ?? null,
    events: Math.max(0, (p.head?.totalEvents ?? 0) - droppedEvents),
    checkpoints: p.head?.seq ?? 0,
    last_sealed_at: p.head?.sealedAt.toISOString() ?? null,
    unsealed_events: p.unsealedEvents,
    oldest_unsealed_at: p.oldestUnsealedAt?.toISOString() ?? null,
  };
}
