import { z } from 'zod';
import { common } from './common';

const MAX_SEQ = 2n ** 63n - 1n;

/** A `seq` as entries carry it: a decimal string of a non-negative bigint, without leading zeros. */
export const seqString = z
  .string()
  .refine(
    (v) => /^(0|[1-9][0-9]{0,18})$/.test(v) && BigInt(v) <= MAX_SEQ,
    'must be a decimal string: the seq of one of your revocation entries, such as "42"',
  );

/** How far a source has applied the org's revocation entries (revocation.md, Enforcement). */
export const revocationApplied = z.object({
  ...common,
  through_seq: seqString,
});
