'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDayMonth, formatHourMinute, formatWeekdayDay } from '@/lib/format';

export type BarSeries = { key: string; label: string; color: string };
/** One bucket: its start (ms since 1970, UTC) and a count per series key. */
export type BarPoint = { t: number } & Record<string, number>;

const DAY = 86_400_000;
const axisTick = { fill: 'var(--fg-muted)', fontSize: 11 };

/**
 * Stacked bars over time, hourly or daily, in the theme's colours. Times are UTC like the rest
 * of the console. The data arrives complete (quiet buckets at zero) from lib/overview.
 */
export function StackedBars({
  data,
  series,
  bucket,
}: {
  data: BarPoint[];
  series: BarSeries[];
  bucket: 'hour' | 'day';
}) {
  // Hourly: a tick at each UTC midnight. Daily: every fifth day, counted back from today.
  const ticks =
    bucket === 'hour'
      ? data.filter((d) => d.t % DAY === 0).map((d) => d.t)
      : data.filter((_, i) => (data.length - 1 - i) % 5 === 0).map((d) => d.t);
  const label = (t: number) =>
    bucket === 'hour'
      ? `${formatDayMonth(t)}, ${formatHourMinute(t)}–${formatHourMinute(t + 3_600_000)} UTC`
      : `${formatDayMonth(t)} (UTC)`;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        data={data}
        margin={{ top: 4, right: 20, bottom: 0, left: -12 }}
        barCategoryGap={bucket === 'hour' ? 0 : '20%'}
        accessibilityLayer={false}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis
          dataKey="t"
          ticks={ticks}
          tickFormatter={(t: number) =>
            bucket === 'hour' ? formatWeekdayDay(t) : formatDayMonth(t)
          }
          tick={axisTick}
          tickLine={false}
          axisLine={{ stroke: 'var(--border)' }}
          interval={0}
          minTickGap={4}
        />
        <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} width={44} />
        <Tooltip
          cursor={{ fill: 'var(--surface-muted)' }}
          labelFormatter={(t) => label(Number(t))}
          contentStyle={{
            background: 'var(--surface)',
            border: '1px solid var(--border)',
            borderRadius: 6,
            color: 'var(--fg)',
            fontSize: 12,
          }}
          labelStyle={{ color: 'var(--fg)', fontWeight: 600 }}
          itemStyle={{ color: 'var(--fg)', padding: 0 }}
        />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stackId="all"
            fill={s.color}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
