import { getDb } from '@/db/client';
import { listRevocationEntriesAfter } from '@/db/queries/revocations';
import { readQuery } from '@/lib/api/list';
import { apiRoute } from '@/lib/api/route';
import { feedQuery } from '@/lib/revocations/feed-query';
import { presentEntry } from '@/lib/revocations/present';

export const dynamic = 'force-dynamic';

/** The feed: entries after `after` in `seq` order; `next` is what to pass as `after` next time. */
export const GET = apiRoute(
  { permission: 'read', allowSourceKey: true },
  async (request, { principal }) => {
    const { after = 0n, limit } = readQuery(request, feedQuery);
    const rows = await listRevocationEntriesAfter(getDb(), principal.orgId, after, limit);
    const items = rows.map(presentEntry);
    return Response.json(
      { items, next: items.at(-1)?.seq ?? after.toString() },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
);
