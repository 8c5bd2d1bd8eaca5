import { z } from 'zod';
import { MAX_ROTATION_GRACE_SECONDS, ROTATION_GRACE_SECONDS } from './grace-choices';

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
