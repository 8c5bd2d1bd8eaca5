import { Bot, CheckCircle2, Circle, KeyRound, ScrollText, ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { StatCard } from '@/components/ui/stat-card';
import { getDb } from '@/db/client';
import { listAuditEvents } from '@/db/queries/audit';
import { getOverviewCounts } from '@/db/queries/overview';
import { requireConsole } from '@/lib/auth/guards';
import { formatDateTime, timeAgo } from '@/lib/utils';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const actor = await requireConsole('read');
  const db = getDb();
  const [counts, recent] = await Promise.all([
    getOverviewCounts(db, actor.orgId),
    listAuditEvents(db, actor.orgId, { limit: 8 }),
  ]);
  const steps = [
    {
      done: counts.sources > 0,
      title: 'Register a source',
      text: 'An authorization server or MCP server that will send signed events.',
      href: '/sources',
    },
    {
      done: counts.agents > 0,
      title: 'Send the first event',
      text: 'Agents appear here as soon as your authorization server reports a registration.',
      href: '/sources',
    },
    {
      done: counts.agentsVerified > 0,
      title: 'Verify your agents',
      text: 'Review each new agent, then verify, suspend or block it.',
      href: '/agents',
    },
  ];
  return (
    <>
      <PageHeader
        title="Overview"
        description="Every AI agent acting in your organization: who they are, what they may do, and what they did."
      />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard
          label="Agents"
          value={counts.agents}
          icon={Bot}
          detail={`${counts.agentsPending} pending · ${counts.agentsSuspended} suspended or blocked`}
        />
        <StatCard
          label="Active consents"
          value={counts.activeConsents}
          icon={ShieldCheck}
          detail="Granted by end users, not revoked"
        />
        <StatCard
          label="Active tokens"
          value={counts.activeTokens}
          icon={KeyRound}
          detail="Issued, unexpired, not revoked"
        />
        <StatCard
          label="Events in 24 h"
          value={counts.events24h}
          icon={ScrollText}
          detail={`${counts.denials24h} denials and rejections`}
        />
      </div>
      <div className="mt-6 grid items-start gap-6 lg:grid-cols-5">
        {steps.some((s) => !s.done) ? (
          <Card className="lg:col-span-2">
            <CardHeader
              title="Get started"
              description="Three steps from an empty hub to a watched fleet."
            />
            <ol className="divide-y divide-border">
              {steps.map((step) => (
                <li key={step.title}>
                  <Link href={step.href} className="flex gap-3 px-5 py-4 hover:bg-surface-muted">
                    {step.done ? (
                      <CheckCircle2
                        className="mt-0.5 size-5 shrink-0 text-success"
                        aria-label="Done"
                      />
                    ) : (
                      <Circle className="mt-0.5 size-5 shrink-0 text-fg-muted" aria-label="To do" />
                    )}
                    <span>
                      <span className="block text-sm font-medium text-fg">{step.title}</span>
                      <span className="block text-sm text-fg-muted">{step.text}</span>
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          </Card>
        ) : null}
        <Card className={steps.some((s) => !s.done) ? 'lg:col-span-3' : 'lg:col-span-5'}>
          <CardHeader
            title="Recent activity"
            description="The latest entries of the audit trail."
            actions={
              <Link href="/audit" className="text-sm font-medium text-accent hover:underline">
                Open audit trail
              </Link>
            }
          />
          {recent.items.length === 0 ? (
            <p className="px-5 py-8 text-center text-sm text-fg-muted">Nothing has happened yet.</p>
          ) : (
            <ul className="divide-y divide-border">
              {recent.items.map((e) => (
                <li key={e.id} className="flex items-start justify-between gap-4 px-5 py-3">
                  <div className="min-w-0">
                    <p className="truncate text-sm text-fg" title={e.summary}>
                      {e.summary}
                    </p>
                    <p className="font-mono text-xs text-fg-muted">{e.type}</p>
                  </div>
                  <time
                    dateTime={e.occurredAt.toISOString()}
                    title={formatDateTime(e.occurredAt)}
                    className="shrink-0 text-xs text-fg-muted"
                  >
                    {timeAgo(e.occurredAt)}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
