import { getDb } from '@/db/client';
import { listAttempts, listDeliveriesOfEntries } from '@/db/queries/revocation-deliveries';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { entryOfSeq } from '@/lib/revocations/entry-of-seq';
import { presentDeliveries } from '@/lib/revocations/present-deliveries';
import { presentEntry } from '@/lib/revocations/present';
import { deliveriesSchema } from '@/lib/revocations/schemas';

export const dynamic = 'force-dynamic';

/** One entry and where its push stands: each server, every attempt. */
const deliveries = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/revocations/{seq}/deliveries',
    tag: 'Revocations',
    summary: 'One entry and its push deliveries: each server, every attempt',
    description:
      'Attempts are retried with exponential back-off for 24 h; `status` is `pending` while ' +
      'retrying, `delivered` after a 2xx, `failed` once given up. Admin API tokens only.',
    access: 'read',
    response: { status: 200, schema: deliveriesSchema },
    errors: [404, 422],
  },
  async (_request, context) => {
    const db = getDb();
    const orgId = context.principal.orgId;
    const entry = await entryOfSeq(db, orgId, context.params.seq);
    const deliveries = await listDeliveriesOfEntries(db, orgId, [entry.id]);
    const attempts = await listAttempts(
      db,
      orgId,
      deliveries.map((d) => d.id),
    );
    return { entry: presentEntry(entry), deliveries: presentDeliveries(deliveries, attempts) };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(deliveries);
