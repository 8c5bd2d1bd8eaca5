import { z } from 'zod';

/** `after`: a seq (decimal string) or absent for the beginning. */
export const seqParam = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/, 'expected a seq: a non-negative decimal integer')
  .transform((v) => BigInt(v));

export const MAX_FEED_LIMIT = 1000;

export const feedQuery = z.object({
  after: seqParam.optional(),
  limit: z.coerce
    .number()
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_FEED_LIMIT, `limit must be at most ${MAX_FEED_LIMIT}`)
    .default(100),
});

export const streamQuery = z.object({ after: seqParam.optional() });
