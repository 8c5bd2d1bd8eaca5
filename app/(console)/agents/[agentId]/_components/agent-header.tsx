import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { VerificationBadge } from '@/components/ui/status-badges';
import type { Agent } from '@/db/schema';
import { agentFlags } from '@/lib/agents/checks';
import { safeLogoUrl } from '@/lib/agents/hosts';
import { showInvisible } from '@/lib/agents/invisible';
import { clientTypeLabels, flagLabels, methodLabels } from '@/lib/agents/labels';
import { formatDateTime } from '@/lib/format';
import { AgentLogo } from '@/components/ui/agent-logo';
import { VerificationActions } from './verification-actions';

export function AgentHeader({ agent, canWrite }: { agent: Agent; canWrite: boolean }) {
  // invisible characters written out, so a lookalike cannot pass for the name it imitates
  const name = showInvisible(agent.clientName ?? agent.clientId);
  return (
    <div className="mb-6 space-y-3">
      <nav aria-label="Breadcrumb" className="flex items-center gap-1 text-sm text-fg-muted">
        <Link href="/agents" className="hover:text-fg hover:underline">
          Agents
        </Link>
        <ChevronRight className="size-3.5" aria-hidden />
        <span className="truncate" aria-current="page">
          {name}
        </span>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 flex-1 items-start gap-3">
          <AgentLogo src={safeLogoUrl(agent.logoUri)} />
          <div className="min-w-0 space-y-1.5">
            <h1 className="text-2xl font-semibold tracking-tight break-words text-fg">{name}</h1>
            <p className="font-mono text-xs break-all text-fg-muted">{agent.clientId}</p>
            <div className="flex flex-wrap items-center gap-1.5">
              <VerificationBadge status={agent.verificationStatus} />
              <Badge>{methodLabels[agent.registrationMethod] ?? agent.registrationMethod}</Badge>
              {agent.clientType ? <Badge>{clientTypeLabels[agent.clientType]} client</Badge> : null}
              {agentFlags(agent).map((flag) => (
                <Badge key={flag} tone={flag === 'localhost_only' ? 'warning' : 'danger'}>
                  {flagLabels[flag]}
                </Badge>
              ))}
              {agent.deletedAt ? (
                <Badge tone="neutral">
                  <span title={formatDateTime(agent.deletedAt)}>deleted</span>
                </Badge>
              ) : null}
              {agent.statusChangedAt ? (
                <span className="text-xs text-fg-muted">
                  status since {formatDateTime(agent.statusChangedAt)}
                </span>
              ) : null}
            </div>
          </div>
        </div>
        {canWrite ? (
          <VerificationActions agentId={agent.id} name={name} status={agent.verificationStatus} />
        ) : null}
      </div>
    </div>
  );
}
