import { ChevronLeft, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { Badge, type BadgeTone } from './badge';
import { Ago } from './grant-display';

export type EventRow = {
  id: number;
  occurredAt: Date;
  type: string;
  summary: string;
  tool: string | null;
  outcome: string | null;
  actorLabel: string | null;
  reason: string | null;
};

function toneOf(row: EventRow): BadgeTone {
  if (row.outcome === 'denied' || row.outcome === 'rejected' || row.type.endsWith('revoked')) {
    return 'danger';
  }
  if (row.outcome === 'error') return 'warning';
  if (row.outcome === 'ok') return 'success';
  return 'neutral';
}

/**
 * A page of audit events, newest first, with keyset links: "Newest" back to the first page and
 * "Older" to the next. Server-rendered; `hrefFor` builds the page's URL for a cursor.
 */
export function EventList({
  label,
  rows,
  nextCursor,
  isFirstPage,
  hrefFor,
  now,
  empty,
}: {
  label: string;
  rows: EventRow[];
  nextCursor: string | null;
  isFirstPage: boolean;
  hrefFor: (cursor: string | null) => string;
  now: Date;
  empty: ReactNode;
}) {
  return (
    <div>
      {rows.length === 0 ? (
        <p className="px-5 py-6 text-sm text-fg-muted">{empty}</p>
      ) : (
        <ol aria-label={label} className="divide-y divide-border">
          {rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 px-5 py-2.5">
              <span className="w-28 shrink-0 text-xs text-fg-muted">
                <Ago date={row.occurredAt} now={now} />
              </span>
              <Badge tone={toneOf(row)} className="shrink-0">
                {row.outcome ?? row.type}
              </Badge>
              <span className="min-w-0 flex-1 text-sm">
                <span className="block truncate" title={row.summary}>
                  {row.summary}
                </span>
                {row.reason ? (
                  <span className="block truncate text-xs text-fg-muted" title={row.reason}>
                    {row.reason}
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
      {isFirstPage && !nextCursor ? null : (
        <nav
          aria-label={`${label}: pages`}
          className="flex justify-end gap-2 border-t border-border px-5 py-2.5 text-sm"
        >
          <PageLink href={isFirstPage ? null : hrefFor(null)}>
            <ChevronLeft className="size-4" aria-hidden />
            Newest
          </PageLink>
          <PageLink href={nextCursor ? hrefFor(nextCursor) : null}>
            Older
            <ChevronRight className="size-4" aria-hidden />
          </PageLink>
        </nav>
      )}
    </div>
  );
}

function PageLink({ href, children }: { href: string | null; children: ReactNode }) {
  const classes =
    'inline-flex h-8 items-center gap-1 rounded-md border border-border bg-surface px-2.5 text-fg shadow-sm';
  if (!href) {
    return (
      <span aria-disabled className={cn(classes, 'cursor-not-allowed opacity-50')}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} scroll={false} className={cn(classes, 'hover:bg-surface-muted')}>
      {children}
    </Link>
  );
}
