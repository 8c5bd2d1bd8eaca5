import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import { VerificationBadge } from '@/components/ui/status-badges';
import type { Overview } from '@/lib/overview/assemble';
import type { VerificationStatus } from '@/lib/constants';
import { categoryOf, eventCategoryLabels } from '@/lib/overview/categories';
import { overviewLinks } from '@/lib/overview/links';
import { formatCount, formatDateTime, timeAgo } from '@/lib/format';
import { chartColors, color } from './chart-palette';

/**
 * The agents with the most tool calls, as bars drawn in HTML: every bar is a real link to the
 * agent's page, reachable by keyboard and read by screen readers as a list.
 */
export function TopAgents({ overview }: { overview: Overview }) {
  const top = overview.topAgents;
  const max = Math.max(1, ...top.map((a) => a.calls));
  return (
    <Card className={`min-w-0 ${chartColors}`}>
      <CardHeader
        title="Top agents by tool calls"
        description="All time, from the usage counters. Open an agent to see what it called."
      />
      {top.length === 0 ? (
        <p className="flex h-56 items-center justify-center px-5 text-center text-sm text-fg-muted">
          No tool calls reported yet.
        </p>
      ) : (
        <ol className="space-y-3 px-5 py-4">
          {top.map((a) => (
            <li key={a.id}>
              <Link
                href={overviewLinks.agent(a.id)}
                className="group block rounded-md focus-visible:outline-offset-4"
              >
                <span className="flex items-baseline justify-between gap-3 text-sm">
                  <span
                    className="min-w-0 truncate font-medium text-fg group-hover:underline"
                    title={a.name}
                  >
                    {a.name}
                  </span>
                  <span className="shrink-0 tabular-nums text-fg-muted">
                    {formatCount(a.calls)} calls
                    {a.denied ? ` · ${formatCount(a.denied)} denied` : ''}
                  </span>
                </span>
                <span aria-hidden className="mt-1 block h-2 rounded-full bg-surface-muted">
                  <span
                    className="block h-2 rounded-full"
                    style={{ width: `${(a.calls / max) * 100}%`, background: color(1) }}
                  />
                </span>
              </Link>
              <span className="mt-1 flex items-center gap-2 text-xs text-fg-muted">
                <VerificationBadge status={a.status as VerificationStatus} />
                {a.lastUsedAt ? (
                  <span>
                    last call{' '}
                    <time
                      dateTime={a.lastUsedAt.toISOString()}
                      title={formatDateTime(a.lastUsedAt)}
                    >
                      {timeAgo(a.lastUsedAt, overview.generatedAt)}
                    </time>
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** Every event type of the last 7 days with its count, each a link to the filtered audit trail. */
export function EventTypes({ overview }: { overview: Overview }) {
  const types = overview.eventTypes7d;
  return (
    <Card className="min-w-0">
      <CardHeader
        title="Events by type, last 7 days"
        description="Open one to read its entries in the audit trail."
      />
      {types.length === 0 ? (
        <p className="flex h-56 items-center justify-center px-5 text-center text-sm text-fg-muted">
          No events in the last 7 days.
        </p>
      ) : (
        <ul className="divide-y divide-border">
          {types.slice(0, 12).map((t) => (
            <li key={t.type}>
              <Link
                href={overviewLinks.audit({ after: overview.windows.hoursFrom, type: t.type })}
                className="flex items-center justify-between gap-3 px-5 py-2 text-sm hover:bg-surface-muted"
              >
                <span className="min-w-0">
                  <span className="block truncate font-mono text-xs text-fg" title={t.type}>
                    {t.type}
                  </span>
                  <span className="block text-xs text-fg-muted">
                    {eventCategoryLabels[categoryOf(t.type)]}
                  </span>
                </span>
                <span className="shrink-0 tabular-nums text-fg-muted">{formatCount(t.count)}</span>
              </Link>
            </li>
          ))}
          {types.length > 12 ? (
            <li className="px-5 py-2 text-xs text-fg-muted">
              and {types.length - 12} more types, in the audit trail
            </li>
          ) : null}
        </ul>
      )}
    </Card>
  );
}
