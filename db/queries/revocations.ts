import { and, asc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { orgCounters, outboxDeliveries, revocationEntries, sources } from '../schema';
import type { RevocationKind } from '@/lib/constants';

/** The NOTIFY channel on which a new entry's org id is announced. */
export const REVOCATION_CHANNEL = 'hub_revocations';

export type NewRevocationEntry = {
  kind: RevocationKind;
  tokenRef?: string | null;
  familyId?: string | null;
  issuer?: string | null;
  clientId?: string | null;
  sub?: string | null;
  revokedAt: Date;
  notBefore?: Date | null;
  reason?: string | null;
  actor: { type: string; id: string | null };
};

/**
 * Appends a revocation entry with the org's next `seq` and queues its push to every active source
 * with a revocation webhook. The counter row is locked until the transaction ends, so entries of
 * one org get strictly increasing, gap-free `seq` values in commit order.
 */
export async function insertRevocationEntry(
  db: Executor,
  orgId: string,
  entry: NewRevocationEntry,
) {
  const [counter] = await db
    .update(orgCounters)
    .set({ revocationSeq: sql`${orgCounters.revocationSeq} + 1` })
    .where(eq(orgCounters.orgId, orgId))
    .returning({ seq: orgCounters.revocationSeq });
  if (!counter) throw new Error(`org ${orgId} has no counter row`);
  const [row] = await db
    .insert(revocationEntries)
    .values({ ...entry, orgId, seq: counter.seq })
    .returning();
  const targets = await db
    .select({ id: sources.id, url: sources.revocationWebhookUrl })
    .from(sources)
    .where(
      and(
        eq(sources.orgId, orgId),
        eq(sources.status, 'active'),
        isNotNull(sources.revocationWebhookUrl),
      ),
    );
  // Delivered at commit to every hub process listening (lib/revocations/broadcaster.ts).
  await db.execute(sql`select pg_notify(${REVOCATION_CHANNEL}, ${orgId})`);
  if (targets.length > 0) {
    await db
      .insert(outboxDeliveries)
      .values(targets.map((t) => ({ orgId, entryId: row!.id, sourceId: t.id, targetUrl: t.url! })));
  }
  return row!;
}

/** Entries after `after` in `seq` order: the feed and the stream's catch-up. */
export async function listRevocationEntriesAfter(
  db: Executor,
  orgId: string,
  after: bigint,
  limit: number,
) {
  return db
    .select()
    .from(revocationEntries)
    .where(and(eq(revocationEntries.orgId, orgId), gt(revocationEntries.seq, after)))
    .orderBy(asc(revocationEntries.seq))
    .limit(limit);
}
