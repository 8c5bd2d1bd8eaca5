import type { Executor } from '@/db/client';
import {
  deniedToolCalls24h,
  denialsByDay,
  eventsByHourAndType,
  scopeDenialsByAgent,
} from '@/db/queries/overview/activity';
import { listAttentionLeaks } from '@/db/queries/enforcement';
import { incidentAgents, pendingAgents, unusedScopeAgents } from '@/db/queries/overview/attention';
import { toDate } from '@/db/queries/overview/sql';
import {
  activeTotals,
  agentsByStatus,
  registrationsByDay,
  topAgentsByCalls,
} from '@/db/queries/overview/state';
import { assembleOverview, type Overview } from './assemble';
import { ATTENTION_CAP } from './attention';
import { denialTypes } from './categories';
import { overviewWindows } from './windows';

export type { Overview } from './assemble';

export const TOP_AGENTS = 10;

/**
 * Everything the overview page (and `GET /api/v1/overview`) shows for one org at `now`: counts,
 * charts and the "Needs attention" list. Each audit query is bounded by its window (7 days at
 * most) and answered from an index; the rest reads the state tables. The queries are independent
 * and run concurrently. `npm run bench:console` measures this function on 10 million events.
 */
export async function loadOverview(db: Executor, orgId: string, now: Date): Promise<Overview> {
  const w = overviewWindows(now);
  const [
    statuses,
    totals,
    hourly,
    deniedCalls,
    denials,
    registrations,
    topAgents,
    scopeDenials,
    incidents,
    pending,
    unused,
    leaks,
  ] = await Promise.all([
    agentsByStatus(db, orgId),
    activeTotals(db, orgId, w),
    eventsByHourAndType(db, orgId, w),
    deniedToolCalls24h(db, orgId, w),
    denialsByDay(db, orgId, w, denialTypes),
    registrationsByDay(db, orgId, w),
    topAgentsByCalls(db, orgId, TOP_AGENTS),
    scopeDenialsByAgent(db, orgId, w),
    incidentAgents(db, orgId, w),
    pendingAgents(db, orgId, ATTENTION_CAP),
    unusedScopeAgents(db, orgId, w, ATTENTION_CAP),
    listAttentionLeaks(db, orgId, w.incidentsFrom, ATTENTION_CAP),
  ]);
  return assembleOverview(
    {
      statuses,
      totals,
      hourly,
      deniedToolCalls24h: deniedCalls,
      denials,
      registrations,
      topAgents: topAgents.map((a) => ({ ...a, lastUsedAt: toDate(a.lastUsedAt) })),
      attention: {
        leaks: leaks.leaks,
        leaksTotal: leaks.total,
        incidents: incidents.map((a) => ({
          ...a,
          reuseDetectedAt: toDate(a.reuseDetectedAt),
          passthroughDetectedAt: toDate(a.passthroughDetectedAt),
          statusChangedAt: toDate(a.statusChangedAt),
        })),
        scopeDenials: scopeDenials.map((a) => ({ ...a, lastAt: new Date(a.lastAt) })),
        pending: pending.map((a) => ({
          ...a,
          registeredAt: toDate(a.registeredAt),
          lastSeenAt: toDate(a.lastSeenAt),
        })),
        pendingTotal: statuses.find((s) => s.status === 'pending')?.n ?? 0,
        unused: unused.map((a) => ({ ...a, grantedSince: new Date(a.grantedSince) })),
        unusedTotal: unused[0]?.total ?? 0,
      },
    },
    w,
  );
}
