/** What the console needs of one push delivery to say where an entry stands. */
export type DeliveryState = {
  sourceName: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  lastError: string | null;
};

/** "14:02:07": the console shows UTC times everywhere. */
export function clock(date: Date): string {
  return date.toISOString().slice(11, 19);
}

const servers = (n: number) => `${n} server${n === 1 ? '' : 's'}`;

/**
 * One entry's push, in words: how many servers confirmed it and when, who is being retried and
 * when next, who was given up on. Entries of an org without push servers reach servers through
 * the feed and the stream only.
 */
export type DeliveryTone = 'neutral' | 'success' | 'warning' | 'danger';

export function describeDeliveries(deliveries: readonly DeliveryState[]): {
  tone: DeliveryTone;
  text: string;
} {
  const total = deliveries.length;
  if (total === 0) return { tone: 'neutral', text: 'No push servers — feed and stream only' };
  const delivered = deliveries.filter((d) => d.status === 'delivered');
  const failed = deliveries.filter((d) => d.status === 'failed');
  const retrying = deliveries.filter((d) => d.status === 'pending' && d.attempts > 0);
  const sending = deliveries.filter((d) => d.status === 'pending' && d.attempts === 0);
  if (delivered.length === total) {
    const last = new Date(Math.max(...delivered.map((d) => d.deliveredAt?.getTime() ?? 0)));
    return { tone: 'success', text: `Effective at ${total} of ${total} servers at ${clock(last)}` };
  }
  const parts: string[] = [];
  if (delivered.length > 0) parts.push(`effective at ${delivered.length} of ${total}`);
  if (failed.length === 1)
    parts.push(`${failed[0]!.sourceName} never confirmed (given up after 24 h)`);
  else if (failed.length > 1)
    parts.push(`${servers(failed.length)} never confirmed (given up after 24 h)`);
  if (retrying.length === 1) {
    const d = retrying[0]!;
    parts.push(
      `${d.sourceName} unreachable, retrying (attempt ${d.attempts + 1}, next ${clock(d.nextAttemptAt)})`,
    );
  } else if (retrying.length > 1) {
    const next = new Date(Math.min(...retrying.map((d) => d.nextAttemptAt.getTime())));
    parts.push(`${servers(retrying.length)} unreachable, retrying (next ${clock(next)})`);
  }
  if (sending.length > 0) parts.push(`sending to ${servers(sending.length)}`);
  const text = parts.join('; ');
  return {
    tone: failed.length > 0 ? 'danger' : retrying.length > 0 ? 'warning' : 'neutral',
    text: text.charAt(0).toUpperCase() + text.slice(1),
  };
}
