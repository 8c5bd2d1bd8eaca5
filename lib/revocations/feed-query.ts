import { z } from 'zod';

/** PostgreSQL's largest bigint, compared as digits (zod runs this even when the regex failed). */
const MAX_SEQ = '9223372036854775807';

/** `after`: a seq (decimal string) or absent for the beginning. */
export const seqParam = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/, 'expected a seq: a non-negative decimal integer')
  // 19 digits reach past PostgreSQL's bigint, where the query would fail instead of the check.
  .refine(
    (v) => v.length < MAX_SEQ.length || (v.length === MAX_SEQ.length && v <= MAX_SEQ),
    `expected a seq: at most ${MAX_SEQ}`,
  )
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
