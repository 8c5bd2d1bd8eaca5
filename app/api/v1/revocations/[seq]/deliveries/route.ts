import { getDb } from '@/db/client';
import { listAttempts, listDeliveriesOfEntries } from '@/db/queries/revocation-deliveries';
import { getRevocationEntryBySeq } from '@/db/queries/revocations';
import { apiRoute } from '@/lib/api/route';
import { ExpectedError } from '@/lib/errors';
import { seqParam } from '@/lib/revocations/feed-query';
import { presentDeliveries } from '@/lib/revocations/present-deliveries';
import { presentEntry } from '@/lib/revocations/present';

export const dynamic = 'force-dynamic';

/** One entry and where its push stands: each server, every attempt. */
export const GET = apiRoute<{ seq: string }>({ permission: 'read' }, async (_request, context) => {
  const parsed = seqParam.safeParse(context.params.seq);
  if (!parsed.success) {
    throw new ExpectedError('invalid', 'The seq must be a non-negative integer.', {
      errors: [{ path: '/seq', message: 'expected a seq: a non-negative decimal integer' }],
    });
  }
  const db = getDb();
  const orgId = context.principal.orgId;
  const entry = await getRevocationEntryBySeq(db, orgId, parsed.data);
  if (!entry)
    throw new ExpectedError('not_found', 'No revocation entry with this seq in your organization.');
  const deliveries = await listDeliveriesOfEntries(db, orgId, [entry.id]);
  const attempts = await listAttempts(
    db,
    orgId,
    deliveries.map((d) => d.id),
  );
  return Response.json({
    entry: presentEntry(entry),
    deliveries: presentDeliveries(deliveries, attempts),
  });
});
