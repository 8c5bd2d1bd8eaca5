import { ScrollText } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { decodeAuditCursor, listAuditEvents } from '@/db/queries/audit';
import { requireConsole } from '@/lib/auth/guards';
import { formatDateTime, formatDay } from '@/lib/utils';

export const metadata: Metadata = { title: 'Audit trail' };

const PAGE_SIZE = 50;

function outcomeTone(outcome: string | null) {
  if (outcome === 'success' || outcome === 'ok') return 'success' as const;
  if (outcome === 'failure' || outcome === 'denied' || outcome === 'error')
    return 'danger' as const;
  return 'neutral' as const;
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireConsole('read');
  const params = await searchParams;
  const cursor = typeof params.cursor === 'string' ? decodeAuditCursor(params.cursor) : null;
  const type =
    typeof params.type === 'string' && /^[\w.-]{1,100}$/.test(params.type)
      ? params.type
      : undefined;
  const page = await listAuditEvents(getDb(), actor.orgId, {
    cursor,
    limit: PAGE_SIZE,
    filter: { type },
  });
  const query = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...(type ? { type } : {}), ...extra })}`;

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Everything that happened: events from your sources and every action taken in this console, newest first."
        actions={
          type ? (
            <Link href="/audit" className={buttonClasses('secondary', 'sm')}>
              Clear filter “{type}”
            </Link>
          ) : null
        }
      />
      {page.items.length === 0 ? (
        <EmptyState
          icon={ScrollText}
          title={type || cursor ? 'No events match' : 'The audit trail is empty'}
        >
          Sign-ins, changes made in this console and every event your sources send are recorded
          here.
        </EmptyState>
      ) : (
        <Card className="overflow-hidden">
          <div className="overflow-x-auto">
            <table className="w-full min-w-[44rem] table-fixed text-left text-sm">
              <thead className="border-b border-border bg-surface-muted text-xs font-medium text-fg-muted">
                <tr>
                  <th scope="col" className="w-28 px-4 py-2.5">
                    Time (UTC)
                  </th>
                  <th scope="col" className="px-4 py-2.5">
                    Event
                  </th>
                  <th scope="col" className="w-52 px-4 py-2.5">
                    Actor
                  </th>
                  <th scope="col" className="w-24 px-4 py-2.5">
                    Outcome
                  </th>
                  <th scope="col" className="w-32 px-4 py-2.5">
                    IP
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {page.items.map((e) => (
                  <tr key={e.id} className="align-top hover:bg-surface-muted/60">
                    <td className="px-4 py-3 whitespace-nowrap text-fg-muted">
                      <time
                        dateTime={e.occurredAt.toISOString()}
                        title={formatDateTime(e.occurredAt)}
                      >
                        <span className="block text-fg tabular-nums">
                          {e.occurredAt.toISOString().slice(11, 19)}
                        </span>
                        <span className="block text-xs">{formatDay(e.occurredAt)}</span>
                      </time>
                    </td>
                    <td className="px-4 py-3">
                      <p className="truncate text-fg" title={e.summary}>
                        {e.summary}
                      </p>
                      <Link
                        href={`/audit?type=${encodeURIComponent(e.type)}`}
                        className="font-mono text-xs text-fg-muted hover:text-accent hover:underline"
                      >
                        {e.type}
                      </Link>
                    </td>
                    <td className="px-4 py-3">
                      <p className="truncate" title={e.actorLabel ?? e.actorId ?? ''}>
                        {e.actorLabel ?? e.actorId ?? '—'}
                      </p>
                      {e.actorType ? <p className="text-xs text-fg-muted">{e.actorType}</p> : null}
                    </td>
                    <td className="px-4 py-3">
                      {e.outcome ? (
                        <Badge tone={outcomeTone(e.outcome)}>{e.outcome}</Badge>
                      ) : (
                        <span className="text-fg-muted">—</span>
                      )}
                    </td>
                    <td
                      className="truncate px-4 py-3 font-mono text-xs text-fg-muted"
                      title={e.ip ?? undefined}
                    >
                      {e.ip ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav
            aria-label="Pages"
            className="flex items-center justify-between gap-3 border-t border-border px-4 py-3 text-sm"
          >
            <span className="text-fg-muted">
              {page.items.length} events{cursor ? ' (older page)' : ''}
            </span>
            <span className="flex gap-2">
              {cursor ? (
                <Link href={`/audit${query({})}`} className={buttonClasses('secondary', 'sm')}>
                  Newest
                </Link>
              ) : null}
              {page.nextCursor ? (
                <Link
                  href={`/audit${query({ cursor: page.nextCursor })}`}
                  className={buttonClasses('secondary', 'sm')}
                >
                  Older
                </Link>
              ) : null}
            </span>
          </nav>
        </Card>
      )}
    </>
  );
}
