import type { Executor } from '@/db/client';
import { listEnforcementFacts } from '@/db/queries/enforcement';
import { listSources } from '@/db/queries/sources';
import type { RevocationEntry } from '@/db/schema';
import { enforcementOf, type EnforcementSummary, type SourceEnforcement } from './status';

export type EntryEnforcement = { enforcement: SourceEnforcement[]; summary: EnforcementSummary };

/** Where each of `entries` stands at every source that should enforce it, at `now`. */
export async function loadEnforcement(
  db: Executor,
  orgId: string,
  entries: readonly RevocationEntry[],
  now = new Date(),
): Promise<Map<string, EntryEnforcement>> {
  if (entries.length === 0) return new Map();
  const [sources, facts] = await Promise.all([
    listSources(db, orgId),
    listEnforcementFacts(
      db,
      orgId,
      entries.map((e) => e.id),
    ),
  ]);
  const byName = [...sources].sort((a, b) => a.name.localeCompare(b.name));
  return new Map(entries.map((e) => [e.id, enforcementOf(e, byName, facts, now)]));
}

/** An entry's enforcement as the management API answers it (shared/spec/revocation.md). */
export function presentEnforcement({ enforcement, summary }: EntryEnforcement) {
  return {
    enforcement: enforcement.map((e) => ({
      source_id: e.source.id,
      name: e.source.name,
      kind: e.source.kind,
      status: e.status,
      applied_at: e.appliedAt?.toISOString() ?? null,
      latency_ms: e.latencyMs,
      leaks: e.leaks,
      counted: e.counted,
    })),
    summary,
  };
}
