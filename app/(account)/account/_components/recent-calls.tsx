import type { RecentCall } from '@/db/queries/account';
import { formatDateTime, timeAgo } from '@/lib/format';

function hostOf(resource: string | null): string | null {
  if (!resource) return null;
  try {
    return new URL(resource).host;
  } catch {
    return resource;
  }
}

/** What the agent did for me lately, in plain words. */
export function RecentCalls({
  calls,
  serverNames,
  now,
}: {
  calls: RecentCall[];
  serverNames: Map<string, string>;
  now: Date;
}) {
  if (calls.length === 0) return null;
  return (
    <section className="mt-4 border-t border-border pt-3">
      <h3 className="text-xs font-medium tracking-wide text-fg-muted uppercase">Lately</h3>
      <ul className="mt-2 space-y-1 text-sm">
        {calls.map((call, i) => {
          const at = new Date(call.occurredAt);
          const where = (call.resource && serverNames.get(call.resource)) ?? hostOf(call.resource);
          const what = call.tool ?? 'a tool';
          return (
            <li key={i} className="flex justify-between gap-3">
              <span className="min-w-0 break-words">
                {call.type === 'tool.denied' || call.outcome === 'denied'
                  ? `Was refused ${what}`
                  : `Used ${what}`}
                {where ? <span className="text-fg-muted"> on {where}</span> : null}
              </span>
              <time className="shrink-0 text-xs text-fg-muted" title={formatDateTime(at)}>
                {timeAgo(at, now)}
              </time>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
