import { Check, X } from 'lucide-react';
import type { AccessCell } from '@/lib/mcp-servers/access';
import { formatCount, formatDateTime } from '@/lib/format';

/** What the cell says, in words: the tooltip and what screen readers read. */
export function describeCell(cell: AccessCell): string {
  const parts = [cell.canCall ? 'Can call' : 'Cannot call'];
  if (cell.calls > 0) parts.push(`${formatCount(cell.calls)} calls`);
  if (cell.denied > 0) parts.push(`${formatCount(cell.denied)} denied`);
  if (cell.lastUsedAt) parts.push(`last used ${formatDateTime(cell.lastUsedAt)}`);
  return parts.join(' · ');
}

/** ✓ or ✗, with a dot when the agent called the tool in the last 7 days. */
export function AccessMark({ cell }: { cell: AccessCell | undefined }) {
  if (!cell) return <span className="text-fg-muted">—</span>;
  const text = describeCell(cell);
  return (
    <span className="inline-flex items-center gap-1" title={text}>
      {cell.canCall ? (
        <Check className="size-4 text-success" aria-hidden />
      ) : (
        <X className="size-4 text-fg-muted/60" aria-hidden />
      )}
      {cell.usedRecently ? (
        <span
          aria-hidden
          className={`size-2 rounded-full ${cell.canCall ? 'bg-accent' : 'bg-warning'}`}
        />
      ) : null}
      <span className="sr-only">
        {text}
        {cell.usedRecently ? ' · used in the last 7 days' : ''}
      </span>
    </span>
  );
}

export function AccessLegend() {
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-fg-muted">
      <span className="inline-flex items-center gap-1">
        <Check className="size-3.5 text-success" aria-hidden /> can call
      </span>
      <span className="inline-flex items-center gap-1">
        <X className="size-3.5 text-fg-muted/60" aria-hidden /> cannot call
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="size-2 rounded-full bg-accent" /> called in the last 7 days
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="size-2 rounded-full bg-warning" /> called in the last 7 days,
        though no consent allows it now
      </span>
    </p>
  );
}
