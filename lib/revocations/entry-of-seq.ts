import type { Executor } from '@/db/client';
import { getRevocationEntryBySeq } from '@/db/queries/revocations';
import { ExpectedError } from '@/lib/errors';
import { seqParam } from './feed-query';

/** The org's entry a route's `{seq}` names: 422 for what is not a seq, 404 for none. */
export async function entryOfSeq(db: Executor, orgId: string, seq: string | undefined) {
  const parsed = seqParam.safeParse(seq);
  if (!parsed.success) {
    throw new ExpectedError('invalid', 'The seq must be a non-negative integer.', {
      errors: [{ path: '/seq', message: 'expected a seq: a non-negative decimal integer' }],
    });
  }
  const entry = await getRevocationEntryBySeq(db, orgId, parsed.data);
  if (!entry)
    throw new ExpectedError('not_found', 'No revocation entry with this seq in your organization.');
  return entry;
}
