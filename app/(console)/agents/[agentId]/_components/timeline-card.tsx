import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import type { listAgentActivity } from '@/db/queries/agent-activity';
import { formatDateTime } from '@/lib/format';
import { showInvisible } from '@/lib/agents/invisible';

type Activity = Awaited<ReturnType<typeof listAgentActivity>>;

function tone(e: Activity['items'][number]): BadgeTone {
  if (e.actorType === 'admin') return 'accent';
  if (e.outcome === 'denied' || e.outcome === 'rejected' || e.outcome === 'error') return 'danger';
  if (e.type.endsWith('reuse_detected') || e.type.endsWith('.deleted')) return 'danger';
  return 'neutral';
}

/** Everything the agent did or had done to it, newest first, one keyset page at a time. */
export function TimelineCard({
  activity,
  olderHref,
  newestHref,
}: {
  activity: Activity;
  olderHref: string | null;
  newestHref: string | null;
}) {
  return (
    <Card id="timeline" className="scroll-mt-4">
      <CardHeader
        title="Timeline"
        description="Every event of this agent in the audit trail, newest first."
        actions={
          newestHref ? (
            <Link href={newestHref} className="text-sm text-accent hover:underline">
              Newest
            </Link>
          ) : null
        }
      />
      {activity.items.length === 0 ? (
        <p className="px-5 py-4 text-sm text-fg-muted">No events recorded for this agent.</p>
      ) : (
        <ol className="divide-y divide-border" aria-label="Events">
          {activity.items.map((e) => (
            <li
              key={e.id}
              className="grid gap-x-4 gap-y-1 px-5 py-2.5 text-sm md:grid-cols-[11rem_10rem_1fr]"
            >
              <time
                className="text-xs leading-5 text-fg-muted tabular-nums"
                dateTime={e.occurredAt.toISOString()}
              >
                {formatDateTime(e.occurredAt)}
              </time>
              <span className="min-w-0">
                <Badge tone={tone(e)} className="max-w-full truncate font-mono">
                  {e.type}
                </Badge>
              </span>
              <div className="min-w-0">
                <p className="break-words">{showInvisible(e.summary)}</p>
                {e.reason ? (
                  <p className="text-xs break-words text-fg-muted">Reason: {e.reason}</p>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="flex justify-end border-t border-border px-5 py-2.5">
        {olderHref ? (
          <Link href={olderHref} className="text-sm text-accent hover:underline">
            Show older
          </Link>
        ) : (
          <span className="text-sm text-fg-muted">
            {activity.items.length ? 'The first event of this agent.' : ''}
          </span>
        )}
      </div>
    </Card>
  );
}
