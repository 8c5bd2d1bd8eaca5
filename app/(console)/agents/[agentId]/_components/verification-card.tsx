import { CircleCheck, CircleX, Info, TriangleAlert, type LucideIcon } from 'lucide-react';
import { Card, CardHeader } from '@/components/ui/card';
import { VerificationBadge } from '@/components/ui/status-badges';
import type { listAgentVerifications } from '@/db/queries/agent-verifications';
import type { Check, CheckResult } from '@/lib/agents/checks';
import type { VerificationStatus } from '@/lib/constants';
import { cn } from '@/lib/utils';
import { formatDateTime } from '@/lib/format';

const icons: Record<CheckResult, { icon: LucideIcon; className: string; label: string }> = {
  pass: { icon: CircleCheck, className: 'text-success', label: 'Passed' },
  info: { icon: Info, className: 'text-fg-muted', label: 'Note' },
  warn: { icon: TriangleAlert, className: 'text-warning', label: 'Warning' },
  fail: { icon: CircleX, className: 'text-danger', label: 'Failed' },
};

function CheckList({ checks }: { checks: Check[] }) {
  return (
    <ul className="divide-y divide-border" aria-label="Evidence">
      {checks.map((c) => {
        const { icon: Icon, className, label } = icons[c.result];
        return (
          <li key={c.kind} className="flex gap-3 px-5 py-2.5 text-sm">
            <Icon className={cn('mt-0.5 size-4 shrink-0', className)} aria-hidden />
            <div className="min-w-0">
              <p className="font-medium">
                <span className="sr-only">{label}: </span>
                {c.label}
              </p>
              <p className="text-fg-muted break-words">{c.detail}</p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

type History = Awaited<ReturnType<typeof listAgentVerifications>>;

/** The status, the evidence the hub sees for it now, and every change with its reason. */
export function VerificationCard({
  status,
  checks,
  history,
}: {
  status: VerificationStatus;
  checks: Check[];
  history: History;
}) {
  const worries = checks.filter((c) => !c.ok).length;
  return (
    <Card>
      <CardHeader
        title="Verification"
        description={
          worries
            ? `${worries} check${worries === 1 ? '' : 's'} to look at before trusting this agent.`
            : 'Nothing the hub can see argues against this agent.'
        }
        actions={<VerificationBadge status={status} />}
      />
      <CheckList checks={checks} />
      <div className="border-t border-border px-5 py-3">
        <h3 className="text-xs font-medium text-fg-muted">History</h3>
        {history.length === 0 ? (
          <p className="mt-1 text-sm text-fg-muted">
            Pending since it was first seen; no one has changed its status yet.
          </p>
        ) : (
          <ol className="mt-2 space-y-3">
            {history.map((h) => (
              <li key={h.id} className="text-sm">
                <div className="flex flex-wrap items-center gap-1.5">
                  {h.fromStatus ? <VerificationBadge status={h.fromStatus} /> : null}
                  <span aria-hidden>→</span>
                  <span className="sr-only">to</span>
                  <VerificationBadge status={h.toStatus} />
                  <span className="text-fg-muted">
                    by {h.actorLabel ?? h.actorType} ·{' '}
                    <time dateTime={h.createdAt.toISOString()}>{formatDateTime(h.createdAt)}</time>
                  </span>
                </div>
                {h.reason ? <p className="mt-1 break-words">“{h.reason}”</p> : null}
                {Array.isArray(h.evidence) && h.evidence.length ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-fg-muted hover:text-fg">
                      Evidence at the time
                    </summary>
                    <ul className="mt-1 space-y-0.5 text-xs text-fg-muted">
                      {(h.evidence as Check[]).map((c) => (
                        <li key={c.kind} className="break-words">
                          <span className={icons[c.result]?.className}>
                            {icons[c.result]?.label ?? c.result}
                          </span>{' '}
                          {c.label}: {c.detail}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}
