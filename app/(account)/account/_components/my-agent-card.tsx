import { Card } from '@/components/ui/card';
import { AgentLogo } from '@/components/ui/agent-logo';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { VerificationBadge } from '@/components/ui/status-badges';
import { safeLogoUrl } from '@/lib/agents/hosts';
import { serverLabel, serverNamesOf, type MyAgent } from '@/lib/account/present';
import { formatDateTime, timeAgo } from '@/lib/format';
import { removePermissionAction, revokeAgentAction } from '../actions';
import { RecentCalls } from './recent-calls';

/** One agent acting for me: who it is, what it may do where, what it did lately, and the way out. */
export function MyAgentCard({ agent, now }: { agent: MyAgent; now: Date }) {
  return (
    <Card className="p-4 sm:p-5">
      <div className="flex flex-wrap items-start gap-3">
        <AgentLogo src={safeLogoUrl(agent.logoUri)} size="sm" />
        <div className="min-w-0 flex-1">
          <h2 className="flex flex-wrap items-center gap-x-2 gap-y-1 font-semibold">
            <span className="min-w-0 break-words" title={agent.clientId}>
              {agent.name}
            </span>
            <VerificationBadge status={agent.verificationStatus} forEndUser />
          </h2>
          <p className="truncate text-xs text-fg-muted" title={agent.returnsTo}>
            {agent.returnsTo}
          </p>
        </div>
      </div>

      {agent.consents.map((consent) => (
        <section key={consent.id} className="mt-4 border-t border-border pt-3">
          <h3 className="text-xs font-medium tracking-wide text-fg-muted uppercase">
            On {serverLabel(consent)}
          </h3>
          <ul
            className="mt-2 divide-y divide-border"
            aria-label={`Permissions on ${serverLabel(consent)}`}
          >
            {consent.permissions.map((p) => (
              <li key={p.scope} className="flex items-center justify-between gap-3 py-1.5 text-sm">
                <span className="min-w-0 break-words" title={p.scope}>
                  {p.text}
                </span>
                <ConfirmAction
                  action={removePermissionAction}
                  fields={{ consentId: consent.id, scope: p.scope }}
                  label="Remove"
                  ariaLabel={`Remove “${p.text}” from ${agent.name}`}
                  title="Remove this permission?"
                  description={
                    consent.permissions.length === 1
                      ? `“${p.text}” is the last thing ${agent.name} may do on ${serverLabel(consent)}: removing it ends its access there.`
                      : `${agent.name} will no longer be able to: “${p.text}”. Its current sessions on ${serverLabel(consent)} end and it asks you again next time.`
                  }
                  confirmLabel="Remove"
                  askReason={false}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}

      <RecentCalls calls={agent.recent} serverNames={serverNamesOf(agent.consents)} now={now} />

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3 border-t border-border pt-3">
        <p className="text-xs text-fg-muted">
          Allowed{' '}
          <time title={formatDateTime(agent.grantedAt)}>{timeAgo(agent.grantedAt, now)}</time>
          {' · '}
          {agent.lastUsedAt ? (
            <>
              last used{' '}
              <time title={formatDateTime(agent.lastUsedAt)}>{timeAgo(agent.lastUsedAt, now)}</time>
            </>
          ) : (
            'not used yet'
          )}
        </p>
        <ConfirmAction
          action={revokeAgentAction}
          fields={{ agentId: agent.agentId }}
          label="Revoke access"
          ariaLabel={`Revoke access of ${agent.name}`}
          title={`Revoke access of ${agent.name}?`}
          description={`${agent.name} will no longer be able to act for you on any server: company tools refuse its tokens within a second. To use it again you would approve it again.`}
          confirmLabel="Revoke access"
          askReason={false}
        />
      </div>
    </Card>
  );
}
