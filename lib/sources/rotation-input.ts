import { z } from 'zod';

/** How long a rotated-out credential keeps working by default, so senders switch without a gap. */
export const ROTATION_GRACE_SECONDS = 24 * 3600;
/** The longest grace an admin may choose: a leaked credential must not live on for long. */
export const MAX_ROTATION_GRACE_SECONDS = 7 * 24 * 3600;

/** How long the credential a rotation replaces keeps working; 0 ends it at once (it leaked). */
export const rotationSchema = z
  .object({
    grace_period_seconds: z
      .number('The grace period must be a number of seconds.')
      .int('The grace period must be a whole number of seconds.')
      .min(0, 'The grace period cannot be negative; 0 ends the old one at once.')
      .max(
        MAX_ROTATION_GRACE_SECONDS,
        `The grace period can be at most ${MAX_ROTATION_GRACE_SECONDS} seconds (7 days).`,
      )
      .default(ROTATION_GRACE_SECONDS)
      .describe(
        'How long the old credential keeps working, in seconds: 0 ends it now, default 86400 (24 hours), at most 604800 (7 days).',
      ),
  })
  .strict();

/** The grace periods the console offers; the API takes any number of seconds within the bounds. */
export const graceChoices: Record<string, { seconds: number; label: string }> = {
  now: { seconds: 0, label: 'Stop the old one now (it leaked)' },
  '1h': { seconds: 3600, label: 'For 1 hour' },
  '24h': { seconds: ROTATION_GRACE_SECONDS, label: 'For 24 hours' },
  '7d': { seconds: MAX_ROTATION_GRACE_SECONDS, label: 'For 7 days' },
};
