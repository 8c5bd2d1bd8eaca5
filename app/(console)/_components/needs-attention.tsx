import { ArrowRight, CheckCircle2, Info, ShieldAlert, TriangleAlert } from 'lucide-react';
import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import type { Overview } from '@/lib/overview/assemble';
import {
  attentionKinds,
  type AttentionItem,
  type AttentionKind,
  type AttentionSeverity,
} from '@/lib/overview/attention';
import { formatDateTime, timeAgo } from '@/lib/format';

const severity: Record<AttentionSeverity, { icon: typeof Info; className: string; label: string }> =
  {
    critical: { icon: ShieldAlert, className: 'text-danger', label: 'Critical' },
    warning: { icon: TriangleAlert, className: 'text-warning', label: 'Warning' },
    notice: { icon: Info, className: 'text-fg-muted', label: 'Notice' },
  };

const action: Record<AttentionKind, string> = {
  revocation_leak: 'See the revocation',
  refresh_token_reuse: 'Review the agent',
  token_passthrough: 'Review the agent',
  insufficient_scope_spike: 'See its denials',
  pending_verification: 'Verify or block',
  unused_scopes: 'See its scopes',
};

function Item({ item, now }: { item: AttentionItem; now: Date }) {
  const s = severity[item.severity];
  const Icon = s.icon;
  return (
    <li className="flex gap-3 px-5 py-4">
      <Icon className={`mt-0.5 size-5 shrink-0 ${s.className}`} aria-label={s.label} role="img" />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium break-words text-fg">{item.title}</p>
        <p className="mt-0.5 text-sm break-words text-fg-muted">{item.detail}</p>
        <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-fg-muted">
          <span>
            {item.atLabel}{' '}
            <time dateTime={item.at.toISOString()} title={formatDateTime(item.at)}>
              {timeAgo(item.at, now)}
            </time>
          </span>
          <Link
            href={item.href}
            className="inline-flex items-center gap-1 font-medium text-accent hover:underline"
          >
            {action[item.kind]}
            <span className="sr-only">: {item.agent.name}</span>
            <ArrowRight className="size-3.5" aria-hidden />
          </Link>
        </p>
      </div>
    </li>
  );
}

/** What needs an admin now, most urgent first; each item links to where to act. */
export function NeedsAttention({ overview }: { overview: Overview }) {
  const { items, more } = overview.attention;
  const now = overview.generatedAt;
  return (
    <Card>
      <CardHeader
        title="Needs attention"
        description="Most urgent first: incidents, then unusual denials, then agents to review."
      />
      {items.length === 0 ? (
        <p className="flex items-center gap-2 px-5 py-6 text-sm text-fg-muted">
          <CheckCircle2 className="size-5 text-success" aria-hidden />
          Nothing needs attention: no incidents, no spikes, no agent waiting for review.
        </p>
      ) : (
        <ul className="divide-y divide-border" aria-label="Items needing attention">
          {attentionKinds.flatMap((kind) => [
            ...items
              .filter((item) => item.kind === kind)
              .map((item) => (
                <Item key={`${kind}-${item.agent.id}-${item.title}`} item={item} now={now} />
              )),
            ...more
              .filter((m) => m.kind === kind)
              .map((m) => (
                <li key={`more-${kind}`} className="px-5 py-3 pl-13 text-sm">
                  <Link href={m.href} className="font-medium text-accent hover:underline">
                    {m.label}
                  </Link>
                </li>
              )),
          ])}
        </ul>
      )}
    </Card>
  );
}
