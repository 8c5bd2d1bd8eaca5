import { ShieldAlert, ShieldCheck, ShieldQuestion } from 'lucide-react';
import Link from 'next/link';
import type { VerificationJson } from '@/lib/audit/seal/present';
import { cn } from '@/lib/utils';
import { formatCount, formatDateTime } from '@/lib/format';

/** "Verified up to 21 Nov 2026, 14:05:00 UTC · 12,345,678 events", linking to the details. */
export function IntegrityBadge({ verification: v }: { verification: VerificationJson }) {
  const Icon =
    v.status === 'verified' ? ShieldCheck : v.status === 'failed' ? ShieldAlert : ShieldQuestion;
  const text =
    v.status === 'failed'
      ? `Tampering found: ${formatCount(v.problem_count)} ${v.problem_count === 1 ? 'problem' : 'problems'}`
      : v.status === 'never' || !v.verified_through
        ? 'Not verified yet'
        : `Verified up to ${formatDateTime(new Date(v.verified_through))} · ${formatCount(v.events)} ${v.events === 1 ? 'event' : 'events'}`;
  return (
    <Link
      href="/audit/integrity"
      data-testid="integrity-badge"
      className={cn(
        'inline-flex max-w-full items-center gap-1.5 rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset hover:underline',
        v.status === 'verified' && 'bg-success-soft text-success ring-success/20',
        v.status === 'failed' && 'bg-danger-soft text-danger ring-danger/30',
        v.status === 'never' && 'bg-surface-muted text-fg-muted ring-border',
      )}
    >
      <Icon className="size-3.5 shrink-0" aria-hidden />
      <span className="truncate">{text}</span>
    </Link>
  );
}
