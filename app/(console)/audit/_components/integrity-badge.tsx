'use client';

import { Lock, LockOpen, ShieldAlert, ShieldCheck, ShieldQuestion } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { sealingWords, verificationWords, type BadgeWords, type Tone } from './integrity-words';
import type { TrailIntegrityJson } from '@/lib/audit/seal/status';
import { cn } from '@/lib/utils';

/** How often the badge asks the hub how far sealing reaches (a sealing pass runs every 10 s). */
const POLL_MS = 10_000;

const tones: Record<Tone, string> = {
  success: 'bg-success-soft text-success ring-success/20',
  danger: 'bg-danger-soft text-danger ring-danger/30',
  warning: 'bg-warning-soft text-warning ring-warning/30',
  neutral: 'bg-surface-muted text-fg-muted ring-border',
};

const pill =
  'inline-flex max-w-full items-center gap-1.5 rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset';

/**
 * Two pills: how far sealing reaches ("Sealed up to 3 seconds ago · 5,684 events") and the last
 * verification ("Verified 4 minutes ago · 84 new events", linking to the integrity page). Both
 * stay current: the words tick every second and the state is asked again every 10 s.
 */
export function IntegrityBadge({
  initial,
  serverNow,
}: {
  initial: TrailIntegrityJson;
  /** the render's time, so the first words in the browser match the server's */
  serverNow: string;
}) {
  const [state, setState] = useState(initial);
  const [seen, setSeen] = useState(initial);
  // A new render from the server (after "Verify now") brings newer state than the last poll.
  if (initial !== seen) {
    setSeen(initial);
    setState(initial);
  }
  // The browser's clock may be off from the hub's; the words count from the hub's.
  const [skew] = useState(() => Date.parse(serverNow) - Date.now());
  const [now, setNow] = useState(() => new Date(serverNow));

  useEffect(() => {
    const tick = setInterval(() => setNow(new Date(Date.now() + skew)), 1000);
    return () => clearInterval(tick);
  }, [skew]);

  useEffect(() => {
    let cancelled = false;
    const poll = async () => {
      if (document.visibilityState !== 'visible') return;
      try {
        const response = await fetch('/api/v1/audit/verification', { cache: 'no-store' });
        if (!response.ok || cancelled) return;
        const next = (await response.json()) as TrailIntegrityJson;
        if (!cancelled && next.sealing) setState(next);
      } catch {
        // Offline for a moment: keep the last state; the next poll tries again.
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  const sealing = sealingWords(state.sealing, now);
  const verification = verificationWords(state, now);
  const VerifyIcon =
    state.status === 'verified'
      ? ShieldCheck
      : state.status === 'failed'
        ? ShieldAlert
        : ShieldQuestion;
  return (
    <span data-testid="integrity-badge" className="inline-flex max-w-full flex-wrap gap-2">
      <Pill
        words={sealing}
        testId="seal-badge"
        icon={sealing.tone === 'warning' ? LockOpen : Lock}
      />
      <Link
        href="/audit/integrity"
        data-testid="verification-badge"
        title={verification.title}
        className={cn(pill, tones[verification.tone], 'hover:underline')}
      >
        <VerifyIcon className="size-3.5 shrink-0" aria-hidden />
        <span className="truncate">{verification.text}</span>
      </Link>
    </span>
  );
}

function Pill({
  words,
  testId,
  icon: Icon,
}: {
  words: BadgeWords;
  testId: string;
  icon: typeof Lock;
}) {
  return (
    <span data-testid={testId} title={words.title} className={cn(pill, tones[words.tone])}>
      <Icon className="size-3.5 shrink-0" aria-hidden />
      <span className="truncate">{words.text}</span>
    </span>
  );
}
