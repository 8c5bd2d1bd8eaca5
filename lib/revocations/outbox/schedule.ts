/** When a failed push is tried again (lib/revocations/README.md). */

export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 60 * 60 * 1000;
/** A delivery keeps being retried at least this long after its entry was made. */
export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;
const JITTER = 0.2;

/**
 * The wait after the `attempt`-th failure (1-based): 5 s doubling to at most an hour, each
 * spread by ±20 % so the deliveries of one outage do not all come back in the same second.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * After a failed attempt: the next one, or null to give up, which happens only once the
 * delivery's first 24 h are over.
 */
export function nextAttemptAfterFailure(
  createdAt: Date,
  attempt: number,
  now: Date,
  random: () => number = Math.random,
): Date | null {
  if (now.getTime() - createdAt.getTime() >= RETRY_FOR_MS) return null;
  return new Date(now.getTime() + retryDelayMs(attempt, random));
}
