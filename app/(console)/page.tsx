import { CheckCircle2, Circle } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { loadOverview, type Overview } from '@/lib/overview/load';
import { requireConsole } from '@/lib/auth/guards';
import { formatDateTime } from '@/lib/format';
import { NeedsAttention } from './_components/needs-attention';
import { DenialsChart, EventsChart, RegistrationsChart } from './_components/overview-charts';
import { OverviewStats } from './_components/overview-stats';
import { EventTypes, TopAgents } from './_components/top-agents';

export const metadata: Metadata = { title: 'Overview' };

function GetStarted({ overview }: { overview: Overview }) {
  const { counts } = overview;
  const steps = [
    {
      done: counts.sources > 0,
      title: 'Register a source',
      text: 'An authorization server or MCP server that will send signed events.',
      href: '/sources',
    },
    {
      done: counts.agents.total > 0,
      title: 'Send the first event',
      text: 'Agents appear here as soon as your authorization server reports a registration.',
      href: '/sources',
    },
    {
      done: counts.agents.verified > 0,
      title: 'Verify your agents',
      text: 'Review each new agent, then verify, suspend or block it.',
      href: '/agents',
    },
  ];
  // Once events flow, the "Needs attention" list takes over (it lists the agents to verify).
  if (steps[0]!.done && steps[1]!.done) return null;
  return (
    <Card>
      <CardHeader
        title="Get started"
        description="Three steps from an empty hub to a watched fleet."
      />
      <ol className="divide-y divide-border">
        {steps.map((step) => (
          <li key={step.title}>
            <Link href={step.href} className="flex gap-3 px-5 py-4 hover:bg-surface-muted">
              {step.done ? (
                <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-success" aria-label="Done" />
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
  );
}

export default async function OverviewPage() {
  const actor = await requireConsole('read');
  const overview = await loadOverview(getDb(), actor.orgId, new Date());
  return (
    <>
      <PageHeader
        title="Overview"
        description={
          <>
            Every AI agent acting in your organization: who they are, what they may do, and what
            they did. As of{' '}
            <time dateTime={overview.generatedAt.toISOString()}>
              {formatDateTime(overview.generatedAt)}
            </time>
            .
          </>
        }
      />
      <div className="space-y-6">
        <OverviewStats overview={overview} />
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <div className="lg:col-span-2 empty:hidden">
            <GetStarted overview={overview} />
          </div>
          <div className="lg:col-span-2">
            <NeedsAttention overview={overview} />
          </div>
          <EventsChart overview={overview} />
          <RegistrationsChart overview={overview} />
          <DenialsChart overview={overview} />
          <TopAgents overview={overview} />
          <EventTypes overview={overview} />
        </div>
      </div>
    </>
  );
}
