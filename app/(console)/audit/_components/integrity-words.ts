import { formatCount, formatDateTime, timeAgo } from '@/lib/format';
import type { LastFullJson, SealingJson, VerificationJson } from '@/lib/audit/seal/present';

/**
 * The words of the sealed trail's badge, kept apart from the component so they can be tested and
 * stay the same on the server's first render and in the browser's ticking one. Pure: no database.
 */

export type Tone = 'success' | 'danger' | 'warning' | 'neutral';
export type BadgeWords = { text: string; title: string; tone: Tone };

/** Events not sealed this long after they were recorded mean sealing is behind (it runs every 10 s). */
export const SEALING_LATE_MS = 60_000;

const events = (n: number) => `${formatCount(n)} ${n === 1 ? 'event' : 'events'}`;

/** "3 seconds ago"; never "in 2 seconds" when the browser's clock runs behind the hub's. */
export function ago(iso: string, now: Date): string {
  const at = new Date(iso);
  return timeAgo(at.getTime() > now.getTime() ? now : at, now);
}

/** "Sealed up to 3 seconds ago · 5,684 events": how far the signed checkpoints reach. */
export function sealingWords(s: SealingJson, now: Date): BadgeWords {
  const late =
    s.oldest_unsealed_at !== null &&
    now.getTime() - new Date(s.oldest_unsealed_at).getTime() > SEALING_LATE_MS;
  const waiting = s.unsealed_events > 0 ? ` · ${formatCount(s.unsealed_events)} waiting` : '';
  const waitingTitle =
    s.unsealed_events > 0
      ? `${events(s.unsealed_events)} recorded but not sealed yet${s.oldest_unsealed_at ? `, the oldest since ${formatDateTime(new Date(s.oldest_unsealed_at))}` : ''}.`
      : 'Every event recorded so far is sealed.';
  if (!s.sealed_through) {
    return {
      text: `Nothing sealed yet${waiting}`,
      title: `No event has been sealed into a signed checkpoint yet. ${waitingTitle}`,
      tone: late ? 'warning' : 'neutral',
    };
  }
  return {
    text: `Sealed up to ${ago(s.sealed_through, now)} · ${events(s.events)}${late ? waiting : ''}`,
    title: `Events recorded up to ${formatDateTime(new Date(s.sealed_through))} are sealed in ${formatCount(s.checkpoints)} signed ${s.checkpoints === 1 ? 'checkpoint' : 'checkpoints'}. ${waitingTitle}`,
    tone: late ? 'warning' : 'success',
  };
}

/** "Verified 4 minutes ago · 84 new events", or loud when the last run found tampering. */
export function verificationWords(
  v: Pick<
    VerificationJson,
    'status' | 'kind' | 'finished_at' | 'events' | 'checked_events' | 'problem_count'
  > & { running?: boolean; last_full?: LastFullJson },
  now: Date,
): BadgeWords {
  if (v.status === 'never' || !v.finished_at) {
    return {
      text: v.running ? 'Verifying now…' : 'Not verified yet',
      title: 'The sealed trail has not been verified yet.',
      tone: 'neutral',
    };
  }
  const when = ago(v.finished_at, now);
  const at = formatDateTime(new Date(v.finished_at));
  if (v.status === 'failed') {
    const problems = `${formatCount(v.problem_count)} ${v.problem_count === 1 ? 'problem' : 'problems'}`;
    return {
      text: `Tampering found ${when === 'now' ? 'just now' : when} · ${problems}`,
      title: `The verification that finished ${at} found ${problems}. See the details.`,
      tone: 'danger',
    };
  }
  const covered =
    v.kind === 'incremental'
      ? v.checked_events === 0
        ? 'no new events'
        : `${formatCount(v.checked_events)} new ${v.checked_events === 1 ? 'event' : 'events'}`
      : `all ${events(v.events)}`;
  const lastFull =
    v.kind === 'incremental' && v.last_full
      ? ` The last full verification finished ${formatDateTime(new Date(v.last_full.finished_at))}.`
      : '';
  return {
    text: `Verified ${when === 'now' ? 'just now' : when} · ${covered}`,
    title:
      v.kind === 'incremental'
        ? `Finished ${at}: the checkpoints sealed since the run before, chained on from the last one verified, hold ${events(v.checked_events)}; no tampering.${lastFull}`
        : `Finished ${at}: every checkpoint and all ${events(v.events)} checked; no tampering.`,
    tone: 'success',
  };
}
