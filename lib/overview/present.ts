import { z } from 'zod';
import type { Overview } from './assemble';
import type { Series } from './windows';

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

const time = z.string().meta({ format: 'date-time' });
const int = z.number().int();
const seriesSchema = z.array(z.object({ start: time, counts: z.record(z.string(), int) }));

/** The answer of `GET /api/v1/overview`, as presentOverview writes it. */
export const overviewSchema = z.object({
  generated_at: time,
  windows: z.object({ last_24h_from: time, hours_from: time, days_from: time }),
  counts: z.object({
    agents: z.record(z.string(), int),
    active_consents: int,
    active_tokens: int,
    sources: int,
    events_24h: int,
    denials_24h: int,
    rejections_24h: int,
  }),
  events_by_hour: seriesSchema,
  event_types_7d: z.array(z.object({ type: z.string(), category: z.string(), count: int })),
  registrations_by_day: seriesSchema,
  denials_by_day: seriesSchema,
  top_agents: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      client_id: z.string(),
      status: z.string(),
      calls: int,
      denied: int,
      last_used_at: time.nullable(),
    }),
  ),
  needs_attention: z.object({
    items: z.array(
      z.object({
        kind: z.string(),
        severity: z.string(),
        agent: z.object({ id: z.string(), name: z.string() }),
        title: z.string(),
        detail: z.string(),
        at: time,
        at_label: z.string(),
        href: z.string(),
      }),
    ),
    more: z.array(z.object({ kind: z.string(), count: int, label: z.string(), href: z.string() })),
  }),
});
