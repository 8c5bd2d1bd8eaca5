import type { Overview } from '@/lib/overview/assemble';
import {
  denialKindLabels,
  denialKinds,
  eventCategories,
  eventCategoryLabels,
} from '@/lib/overview/categories';
import { DAY_MS, type Series } from '@/lib/overview/windows';
import { formatCount, formatDay } from '@/lib/format';
import { ChartCard, DataTableAlternative } from './chart-card';
import { color } from './chart-palette';
import { StackedBars, type BarPoint, type BarSeries } from './stacked-bars';

const categorySeries: BarSeries[] = eventCategories.map((key, i) => ({
  key,
  label: eventCategoryLabels[key],
  color: color(([1, 2, 3, 4, 5, 6] as const)[i]!),
}));

const methodSeries: BarSeries[] = [
  { key: 'dcr', label: 'Dynamic registration (DCR)', color: color(1) },
  { key: 'cimd', label: 'Client ID metadata document', color: color(4) },
  { key: 'preregistered', label: 'Pre-registered', color: color(5) },
  { key: 'manual', label: 'Manual', color: color(6) },
];

const denialSeries: BarSeries[] = denialKinds.map((key, i) => ({
  key,
  label: denialKindLabels[key],
  color: color(([3, 2, 5] as const)[i]!),
}));

function points<K extends string>(series: Series<K>): BarPoint[] {
  return series.map((b) => ({ t: b.start.getTime(), ...b.counts }) as BarPoint);
}

const total = <K extends string>(series: Series<K>) =>
  series.reduce((n, b) => n + Object.values<number>(b.counts).reduce((a, c) => a + c, 0), 0);

/** Per UTC day, the sum of each key over its buckets: the table alternative of an hourly chart. */
function byDay<K extends string>(series: Series<K>, keys: readonly K[]) {
  const days = new Map<number, Record<K, number>>();
  for (const b of series) {
    const day = Math.floor(b.start.getTime() / DAY_MS) * DAY_MS;
    const row = days.get(day) ?? (Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>);
    for (const k of keys) row[k] += b.counts[k];
    days.set(day, row);
  }
  return [...days];
}

function rowsOf<K extends string>(series: [number, Record<K, number>][], keys: readonly K[]) {
  return series.map(([day, counts]) => [
    formatDay(new Date(day)),
    ...keys.map((k) => counts[k]),
    keys.reduce((n, k) => n + counts[k], 0),
  ]);
}

export function EventsChart({ overview }: { overview: Overview }) {
  const events = total(overview.eventsByHour);
  return (
    <ChartCard
      id="events-chart"
      title="Events per hour, last 7 days"
      description={`${formatCount(events)} events, stacked by kind (UTC hours).`}
      legend={categorySeries}
      isEmpty={events === 0}
      emptyText="No events in the last 7 days. Events appear here as your sources report them."
      table={
        <DataTableAlternative
          caption="Events per day of the last 7 days, by kind"
          head={['Day', ...categorySeries.map((s) => s.label), 'Total']}
          rows={rowsOf(byDay(overview.eventsByHour, eventCategories), eventCategories)}
        />
      }
      className="lg:col-span-2"
    >
      <StackedBars data={points(overview.eventsByHour)} series={categorySeries} bucket="hour" />
    </ChartCard>
  );
}

export function RegistrationsChart({ overview }: { overview: Overview }) {
  const registrations = total(overview.registrationsByDay);
  const keys = methodSeries.map(
    (s) => s.key,
  ) as (keyof (typeof overview.registrationsByDay)[number]['counts'])[];
  return (
    <ChartCard
      id="registrations-chart"
      title="Registrations per day, last 30 days"
      description={`${formatCount(registrations)} agents registered, by registration method.`}
      legend={methodSeries}
      isEmpty={registrations === 0}
      emptyText="No agent registered in the last 30 days."
      table={
        <DataTableAlternative
          caption="Agent registrations per day of the last 30 days, by method"
          head={['Day', ...methodSeries.map((s) => s.label), 'Total']}
          rows={rowsOf(
            overview.registrationsByDay.map((b) => [b.start.getTime(), b.counts]),
            keys,
          )}
        />
      }
    >
      <StackedBars data={points(overview.registrationsByDay)} series={methodSeries} bucket="day" />
    </ChartCard>
  );
}

export function DenialsChart({ overview }: { overview: Overview }) {
  const denials = total(overview.denialsByDay);
  return (
    <ChartCard
      id="denials-chart"
      title="Denials per day, last 30 days"
      description={`${formatCount(denials)} refused authorizations, denied tool calls and rejected tokens.`}
      legend={denialSeries}
      isEmpty={denials === 0}
      emptyText="Nothing was denied or rejected in the last 30 days."
      table={
        <DataTableAlternative
          caption="Denials per day of the last 30 days, by kind"
          head={['Day', ...denialSeries.map((s) => s.label), 'Total']}
          rows={rowsOf(
            overview.denialsByDay.map((b) => [b.start.getTime(), b.counts]),
            denialKinds,
          )}
        />
      }
    >
      <StackedBars data={points(overview.denialsByDay)} series={denialSeries} bucket="day" />
    </ChartCard>
  );
}
