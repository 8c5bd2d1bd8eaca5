'use client';

import { ChevronLeft, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { pageSizes } from '@/lib/tables/table-params';
import { cn } from '@/lib/utils';
import { useUrlState } from './url-state';
import { formatCount } from '@/lib/format';

/**
 * How a table pages: by number with a total (agents, consents, tokens), or by keyset cursor
 * (the audit trail, where counting millions of rows for a page number would cost more than the page).
 */
export type Paging =
  | { kind: 'offset'; page: number; size: number; total: number }
  | { kind: 'cursor'; size: number; nextCursor: string | null; isFirstPage: boolean };

export function Pager({ paging, shown }: { paging: Paging; shown: number }) {
  const { hrefWith, navigate } = useUrlState();
  let summary: string;
  let previous: string | null = null;
  let next: string | null = null;
  if (paging.kind === 'offset') {
    const pages = Math.max(1, Math.ceil(paging.total / paging.size));
    const from = paging.total === 0 ? 0 : (paging.page - 1) * paging.size + 1;
    const to = (paging.page - 1) * paging.size + shown;
    summary =
      paging.total === 0
        ? 'No rows'
        : `${formatCount(from)}–${formatCount(to)} of ${formatCount(paging.total)} · page ${formatCount(paging.page)} of ${formatCount(pages)}`;
    if (paging.page > 1) previous = hrefWith({ page: String(paging.page - 1) }, { keepPage: true });
    if (paging.page < pages) next = hrefWith({ page: String(paging.page + 1) }, { keepPage: true });
  } else {
    summary = shown === 0 ? 'No rows' : `${formatCount(shown)} rows on this page`;
    if (!paging.isFirstPage) previous = hrefWith({ cursor: null });
    if (paging.nextCursor) next = hrefWith({ cursor: paging.nextCursor }, { keepPage: true });
  }

  return (
    <nav
      aria-label="Pages"
      className="flex flex-wrap items-center justify-between gap-3 text-sm text-fg-muted"
    >
      <span aria-live="polite">{summary}</span>
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-2">
          <span>Rows</span>
          <select
            className="h-8 rounded-md border border-border bg-surface px-2 text-fg"
            value={paging.size}
            onChange={(e) => navigate({ size: e.target.value })}
          >
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <PageLink href={previous} label={paging.kind === 'cursor' ? 'Newest' : 'Previous'}>
          <ChevronLeft className="size-4" aria-hidden />
        </PageLink>
        <PageLink href={next} label={paging.kind === 'cursor' ? 'Older' : 'Next'} trailing>
          <ChevronRight className="size-4" aria-hidden />
        </PageLink>
      </div>
    </nav>
  );
}

function PageLink({
  href,
  label,
  trailing,
  children,
}: {
  href: string | null;
  label: string;
  trailing?: boolean;
  children: React.ReactNode;
}) {
  const classes =
    'inline-flex h-8 items-center gap-1 rounded-md border border-border bg-surface px-2.5 text-fg shadow-sm';
  if (!href)
    return (
      <span aria-disabled className={cn(classes, 'cursor-not-allowed opacity-50')}>
        {trailing ? label : children}
        {trailing ? children : label}
      </span>
    );
  return (
    <Link href={href} replace scroll={false} className={cn(classes, 'hover:bg-surface-muted')}>
      {trailing ? label : children}
      {trailing ? children : label}
    </Link>
  );
}
