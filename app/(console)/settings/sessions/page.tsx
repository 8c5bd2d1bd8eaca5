import { MonitorSmartphone } from 'lucide-react';
import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getSessionId, requireConsole } from '@/lib/auth/guards';
import { loadConfig } from '@/lib/config/env';
import { formatDateTime, timeAgo } from '@/lib/format';
import { listOwnSessions } from '@/lib/users/own-sessions';
import { EndOtherSessionsButton, EndSessionButton } from './_components/session-buttons';

export const metadata: Metadata = { title: 'Sessions' };

function hours(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} ${seconds === 86_400 ? 'day' : 'days'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} ${seconds === 3600 ? 'hour' : 'hours'}`;
  return `${Math.round(seconds / 60)} minutes`;
}

export default async function SessionsPage() {
  const actor = await requireConsole('read');
  const limits = loadConfig().sessions;
  const now = new Date();
  const currentId = await getSessionId();
  const sessions = await listOwnSessions(getDb(), actor, currentId, limits, now);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Your sessions"
          description="Every browser signed in with your account."
          actions={currentId ? <EndOtherSessionsButton count={others} keep={currentId} /> : null}
        />
        {sessions.length === 0 ? (
          <div className="px-5 py-10 text-center">
            <MonitorSmartphone className="mx-auto size-6 text-fg-muted" aria-hidden />
            <p className="mt-2 text-sm font-medium">No sessions to show</p>
            <p className="mt-1 text-sm text-fg-muted">
              Sign in again to see where you are signed in.
            </p>
          </div>
        ) : (
          <ul className="divide-y divide-border" aria-label="Your sessions">
            {sessions.map((s) => (
              <li
                key={s.id}
                className="flex flex-wrap items-center justify-between gap-3 px-5 py-4"
              >
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                    <span className="truncate" title={s.userAgent ?? undefined}>
                      {s.device}
                    </span>
                    {s.current ? <Badge tone="success">This device</Badge> : null}
                  </p>
                  <p className="mt-0.5 text-xs break-words text-fg-muted">
                    {s.ip ? <span className="font-mono">{s.ip}</span> : 'address unknown'}
                    {' · signed in '}
                    <time dateTime={s.createdAt.toISOString()} title={formatDateTime(s.createdAt)}>
                      {timeAgo(s.createdAt, now)}
                    </time>
                    {' · last seen '}
                    <time
                      dateTime={s.lastSeenAt.toISOString()}
                      title={formatDateTime(s.lastSeenAt)}
                    >
                      {s.current ? 'now' : timeAgo(s.lastSeenAt, now)}
                    </time>
                  </p>
                </div>
                {s.current ? null : <EndSessionButton sessionId={s.id} device={s.device} />}
              </li>
            ))}
          </ul>
        )}
        <p className="border-t border-border px-5 py-3 text-xs text-fg-muted">
          A session ends after {hours(limits.idleTimeoutSeconds)} without use, and{' '}
          {hours(limits.maxAgeSeconds)} after sign-in at the latest. Changing your password signs
          out every other session.
        </p>
      </Card>
    </div>
  );
}
