import { formatDateTime, timeAgo } from '@/lib/format';

/** "3 days ago" with the exact UTC time on hover; `never` when there is no time. */
export function When({ at, now, never = '—' }: { at: Date | null; now: Date; never?: string }) {
  if (!at) return <span className="text-fg-muted">{never}</span>;
  return (
    <time dateTime={at.toISOString()} title={formatDateTime(at)}>
      {timeAgo(at, now)}
    </time>
  );
}
