import type { LucideIcon } from 'lucide-react';
import { Ban, Bot, KeyRound, ScrollText, ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import type { Overview } from '@/lib/overview/assemble';
import { overviewLinks } from '@/lib/overview/links';
import { formatCount } from '@/lib/format';

/** A headline number that opens the filtered list behind it. */
function Stat({
  label,
  value,
  href,
  icon: Icon,
  children,
}: {
  label: string;
  value: number;
  href: string;
  icon: LucideIcon;
  children?: ReactNode;
}) {
  return (
    <Card className="p-5">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm font-medium text-fg-muted">{label}</p>
        <Icon className="size-4 text-fg-muted" aria-hidden />
      </div>
      <Link
        href={href}
        className="mt-2 inline-block text-3xl font-semibold text-fg tabular-nums hover:text-accent hover:underline"
        aria-label={`${formatCount(value)} ${label.toLowerCase()}: open the list`}
      >
        {formatCount(value)}
      </Link>
      {children ? <p className="mt-1 text-xs text-fg-muted">{children}</p> : null}
    </Card>
  );
}

function Sub({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="underline decoration-border underline-offset-2 hover:text-accent">
      {children}
    </Link>
  );
}

export function OverviewStats({ overview }: { overview: Overview }) {
  const { counts, windows } = overview;
  const agents = counts.agents;
  const since = windows.last24hFrom;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
      <Stat label="Agents" value={agents.total} href={overviewLinks.agents()} icon={Bot}>
        <Sub href={overviewLinks.agentsWithStatus('pending')}>{agents.pending} pending</Sub>
        {' · '}
        <Sub href={overviewLinks.agentsWithStatus('verified')}>{agents.verified} verified</Sub>
        {' · '}
        <Sub href={overviewLinks.agentsWithStatus('suspended,blocked')}>
          {agents.suspended + agents.blocked} suspended or blocked
        </Sub>
      </Stat>
      <Stat
        label="Active consents"
        value={counts.activeConsents}
        href={overviewLinks.activeConsents()}
        icon={ShieldCheck}
      >
        Granted by end users, not revoked, expired or refused
      </Stat>
      <Stat
        label="Active tokens"
        value={counts.activeTokens}
        href={overviewLinks.activeTokens()}
        icon={KeyRound}
      >
        Issued, unexpired, not revoked or refused
      </Stat>
      <Stat
        label="Events in 24 h"
        value={counts.events24h}
        href={overviewLinks.audit({ after: since })}
        icon={ScrollText}
      >
        Everything your sources and admins recorded
      </Stat>
      <Stat
        label="Denials in 24 h"
        value={counts.denials24h}
        href={overviewLinks.audit({ after: since, outcome: 'denied' })}
        icon={Ban}
      >
        Refused authorizations and tool calls ·{' '}
        <Sub href={overviewLinks.audit({ after: since, outcome: 'rejected' })}>
          {formatCount(counts.rejections24h)} rejected tokens
        </Sub>
      </Stat>
    </div>
  );
}
