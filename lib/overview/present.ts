import { z } from 'zod';
import type { Overview } from './assemble';
import type { Series } from './windows';

/** `GET /api/v1/overview` takes no parameters: the answer is always about now. */
export const overviewQuerySchema = z.object({});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function series<K extends string>(s: Series<K>) {
  return s.map((b) => ({ start: b.start.toISOString(), counts: b.counts }));
}

/** The overview as the management API answers it (snake_case, ISO times). */
export function presentOverview(o: Overview) {
  return {
    generated_at: o.generatedAt.toISOString(),
    windows: {
      last_24h_from: o.windows.last24hFrom.toISOString(),
      hours_from: o.windows.hoursFrom.toISOString(),
      days_from: o.windows.daysFrom.toISOString(),
    },
    counts: {
      agents: o.counts.agents,
      active_consents: o.counts.activeConsents,
      active_tokens: o.counts.activeTokens,
      sources: o.counts.sources,
      events_24h: o.counts.events24h,
      denials_24h: o.counts.denials24h,
      rejections_24h: o.counts.rejections24h,
    },
    events_by_hour: series(o.eventsByHour),
    event_types_7d: o.eventTypes7d,
    registrations_by_day: series(o.registrationsByDay),
    denials_by_day: series(o.denialsByDay),
    top_agents: o.topAgents.map((a) => ({
      id: a.id,
      name: a.name,
      client_id: a.clientId,
      status: a.status,
      calls: a.calls,
      denied: a.denied,
      last_used_at: iso(a.lastUsedAt),
    })),
    needs_attention: {
      items: o.attention.items.map((i) => ({
        kind: i.kind,
        severity: i.severity,
        agent: i.agent,
        title: i.title,
        detail: i.detail,
        at: i.at.toISOString(),
        at_label: i.atLabel,
        href: i.href,
      })),
      more: o.attention.more,
    },
  };
}
