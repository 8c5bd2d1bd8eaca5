import { getDb } from '@/db/client';
import { listRevocationEntriesAfter } from '@/db/queries/revocations';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { feedQuery } from '@/lib/revocations/feed-query';
import { presentEntry } from '@/lib/revocations/present';
import { feedSchema } from '@/lib/revocations/schemas';

export const dynamic = 'force-dynamic';

/** The feed: entries after `after` in `seq` order; `next` is what to pass as `after` next time. */
const feed = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/revocations',
    tag: 'Revocations',
    summary: 'The revocation feed: entries after `after`, in `seq` order',
    access: 'source-key',
    query: feedQuery,
    response: { status: 200, schema: feedSchema },
    headers: { 'cache-control': 'no-store' },
  },
  async (_request, { principal, query }) => {
    const { after = 0n, limit } = query;
    const rows = await listRevocationEntriesAfter(getDb(), principal.orgId, after, limit);
    const items = rows.map(presentEntry);
    return { items, next: items.at(-1)?.seq ?? after.toString() };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(feed);
