import type { ReactNode } from 'react';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/lib/utils';
import { chartColors } from './chart-palette';

export type LegendItem = { label: string; color: string };

/**
 * A chart with its title, a legend that wraps instead of overflowing, and a table alternative
 * for screen readers (the drawing itself is hidden from them). With no data it says so instead.
 */
export function ChartCard({
  id,
  title,
  description,
  legend,
  isEmpty,
  emptyText,
  table,
  className,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  legend?: LegendItem[];
  isEmpty: boolean;
  emptyText: string;
  table: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card className={cn('min-w-0', chartColors, className)}>
      <section aria-labelledby={`${id}-title`}>
        <CardHeader title={<span id={`${id}-title`}>{title}</span>} description={description} />
        {isEmpty ? (
          <p className="flex h-56 items-center justify-center px-5 text-center text-sm text-fg-muted">
            {emptyText}
          </p>
        ) : (
          <div className="px-3 pt-4 pb-3 sm:px-5">
            <div aria-hidden className="h-56">
              {children}
            </div>
            {legend?.length ? (
              <ul aria-hidden className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-fg-muted">
                {legend.map((item) => (
                  <li key={item.label} className="inline-flex items-center gap-1.5">
                    <span className="size-2.5 rounded-sm" style={{ background: item.color }} />
                    {item.label}
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="sr-only">{table}</div>
          </div>
        )}
      </section>
    </Card>
  );
}

/** The table alternative of a chart: one row per bucket (or item), one column per series. */
export function DataTableAlternative({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={j}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
