import type { VerificationRecord } from '@/db/queries/audit-seal';
import type { TrailProblem } from './verify';

/** What the last verification of an org's trail found, as the API and the console show it. */
export type VerificationJson = {
  status: 'verified' | 'failed' | 'never';
  finished_at: string | null;
  verified_through: string | null;
  events: number;
  checkpoints: number;
  unsealed_events: number;
  dropped_events: number;
  head: { seq: number; hash: string } | null;
  problem_count: number;
  problems: TrailProblem[];
};

type StoredProblems = { count?: number; items?: TrailProblem[] };

export function presentVerification(v: VerificationRecord | null): VerificationJson {
  if (!v) {
    return {
      status: 'never',
      finished_at: null,
      verified_through: null,
      events: 0,
      checkpoints: 0,
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
    finished_at: v.finishedAt.toISOString(),
    verified_through: v.verifiedThrough?.toISOString() ?? null,
    events: v.events,
    checkpoints: v.checkpoints,
    unsealed_events: v.unsealedEvents,
    dropped_events: v.droppedEvents,
    head: v.headSeq != null && v.headHash ? { seq: v.headSeq, hash: v.headHash } : null,
    problem_count: problems.count ?? 0,
    problems: problems.items ?? [],
  };
}
