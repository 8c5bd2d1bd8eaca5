/** How long a rotated-out credential keeps working by default, so senders switch without a gap. */
export const ROTATION_GRACE_SECONDS = 24 * 3600;
/** The longest grace an admin may choose: a leaked credential must not live on for long. */
export const MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600;

/**
 * The grace periods the console offers; the API takes any number of seconds within the bounds.
 * Kept apart from the zod schema so the browser bundle does not carry zod.
 */
export const graceChoices: Record<string, { seconds: number; label: string }> = {
  now: { seconds: 0, label: 'Stop the old one now (it leaked)' },
  '1h': { seconds: 3600, label: 'For 1 hour' },
  '24h': { seconds: ROTATION_GRACE_SECONDS, label: 'For 24 hours' },
  '7d': { seconds: MAX_ROTATION_GRACE_SECONDS, label: 'For 7 days' },
};
