import { registrationMethods, verificationStatuses } from '@/lib/constants';
import {
  attentionItems,
  type AttentionFacts,
  type AttentionItem,
  type AttentionMore,
} from './attention';
import {
  categoryOf,
  denialKindOf,
  denialKinds,
  eventCategories,
  type DenialKind,
  type DenialType,
  type EventCategory,
} from './categories';
import {
  addTo,
  CHART_DAYS,
  DAY_MS,
  EVENT_HOURS,
  emptySeries,
  HOUR_MS,
  type OverviewWindows,
  type Series,
} from './windows';

type RegistrationMethod = (typeof registrationMethods)[number];

/** Everything the overview shows, for one org at one instant (`GET /api/v1/overview` too). */
export type Overview = {
  generatedAt: Date;
  windows: { last24hFrom: Date; hoursFrom: Date; daysFrom: Date };
  counts: {
    agents: Record<(typeof verificationStatuses)[number] | 'total', number>;
    activeConsents: number;
    activeTokens: number;
    sources: number;
    events24h: number;
    /** events with the outcome `denied` in the last 24 h */
    denials24h: number;
    /** token.rejected (outcome `rejected`) in the last 24 h */
    rejections24h: number;
  };
  eventsByHour: Series<EventCategory>;
  /** every event type of the hourly window with its count there */
  eventTypes7d: { type: string; category: EventCategory; count: number }[];
  registrationsByDay: Series<RegistrationMethod>;
  denialsByDay: Series<DenialKind>;
  topAgents: {
    id: string;
    name: string;
    clientId: string;
    status: string;
    calls: number;
    denied: number;
    lastUsedAt: Date | null;
  }[];
  attention: { items: AttentionItem[]; more: AttentionMore[] };
};

export type OverviewRaw = {
  statuses: { status: string; n: number }[];
  totals: { consents: number; tokens: number; sources: number };
  hourly: { type: string; hour: string | Date; n: number; last24h: number }[];
  deniedToolCalls24h: number;
  denials: { type: string; day: string | Date; n: number }[];
  registrations: { day: string | Date; method: string; n: number }[];
  topAgents: Overview['topAgents'];
  attention: AttentionFacts;
};

export function assembleOverview(raw: OverviewRaw, w: OverviewWindows): Overview {
  const agents = Object.fromEntries(
    verificationStatuses.map((s) => [s, 0]),
  ) as Overview['counts']['agents'];
  agents.total = 0;
  for (const row of raw.statuses) {
    if (row.status in agents) agents[row.status as keyof typeof agents] += row.n;
    agents.total += row.n;
  }

  const eventsByHour = emptySeries(w.hoursFrom, HOUR_MS, EVENT_HOURS, eventCategories);
  const perType = new Map<string, number>();
  let events24h = 0;
  const last24ByType = new Map<string, number>();
  for (const row of raw.hourly) {
    addTo(eventsByHour, HOUR_MS, row.hour, categoryOf(row.type), row.n);
    perType.set(row.type, (perType.get(row.type) ?? 0) + row.n);
    last24ByType.set(row.type, (last24ByType.get(row.type) ?? 0) + row.last24h);
    events24h += row.last24h;
  }
  const last24 = (type: string) => last24ByType.get(type) ?? 0;

  const denialsByDay = emptySeries(w.daysFrom, DAY_MS, CHART_DAYS, denialKinds);
  for (const row of raw.denials) {
    const kind = denialKindOf[row.type as DenialType];
    if (kind) addTo(denialsByDay, DAY_MS, row.day, kind, row.n);
  }

  const registrationsByDay = emptySeries(w.daysFrom, DAY_MS, CHART_DAYS, registrationMethods);
  for (const row of raw.registrations) {
    if ((registrationMethods as readonly string[]).includes(row.method)) {
      addTo(registrationsByDay, DAY_MS, row.day, row.method as RegistrationMethod, row.n);
    }
  }

  return {
    generatedAt: w.now,
    windows: { last24hFrom: w.dayAgo, hoursFrom: w.hoursFrom, daysFrom: w.daysFrom },
    counts: {
      agents,
      activeConsents: raw.totals.consents,
      activeTokens: raw.totals.tokens,
      sources: raw.totals.sources,
      events24h,
      denials24h: last24('authorization.denied') + last24('tool.denied') + raw.deniedToolCalls24h,
      rejections24h: last24('token.rejected'),
    },
    eventsByHour,
    eventTypes7d: [...perType]
      .map(([type, count]) => ({ type, category: categoryOf(type), count }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    registrationsByDay,
    denialsByDay,
    topAgents: raw.topAgents,
    attention: attentionItems(raw.attention, w),
  };
}
