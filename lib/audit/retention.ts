import type { Db } from '@/db/client';
import { insertAuditEvent } from './record';
import {
  auditTables,
  listAuditPartitions,
  monthOfPartition,
  nextMonth,
  orgPartitionName,
} from '@/db/queries/audit-partitions';
import {
  dropAuditTable,
  maxEventIdIn,
  orgRetentions,
  sealedEventsOfMonth,
} from '@/db/queries/audit-retention';
import { PARTITION_DROPPED, sealedThrough } from '@/db/queries/audit-seal';
import { formatCount } from '@/lib/format';

const DAY = 24 * 60 * 60 * 1000;

export type DroppedMonth = { orgId: string; table: string; periodStart: Date; events: number };
export type SkippedMonth = { orgId: string; table: string; reason: string };

/**
 * Per-org retention: every month of an org's trail whose last instant is older than the org's
 * retention is dropped as one table (an instant, whatever its size; never a DELETE), and the drop
 * is recorded in the org's trail in the same transaction. A month is only dropped once all its
 * events are sealed, so its checkpoints and the drop record keep the chain provable. Months of
 * hubs from before per-org tables are shared by every org and dropped when all orgs are past them.
 */
export async function applyRetention(
  db: Db,
  options: { now?: Date; lockTimeoutMs?: number } = {},
): Promise<{ dropped: DroppedMonth[]; skipped: SkippedMonth[] }> {
  const now = options.now ?? new Date();
  const lockTimeoutMs = options.lockTimeoutMs ?? 2_000;
  const orgs = await orgRetentions(db);
  const tables = await auditTables(db);
  const sealed = await sealedThrough(db);
  const dropped: DroppedMonth[] = [];
  const skipped: SkippedMonth[] = [];

  for (const month of await listAuditPartitions(db)) {
    const periodStart = monthOfPartition(month);
    if (!periodStart) continue;
    const end = nextMonth(periodStart);
    const expired = orgs.filter((o) => end.getTime() <= now.getTime() - o.retentionDays * DAY);
    if (expired.length === 0) continue;
    const perOrg = tables.get(month) === 'p';
    if (!perOrg && expired.length < orgs.length) continue;

    const targets = perOrg
      ? expired.map((o) => ({ orgs: [o], table: orgPartitionName(periodStart, o.orgId) }))
      : [{ orgs: expired, table: month }];
    for (const target of targets) {
      if (!tables.has(target.table)) continue;
      const orgId = target.orgs[0]!.orgId;
      const maxId = await maxEventIdIn(db, target.table);
      if (maxId > sealed) {
        skipped.push({ orgId, table: target.table, reason: 'not sealed yet' });
        continue;
      }
      try {
        const counts = await db.transaction(async (tx) => {
          const counted: number[] = [];
          for (const org of target.orgs) {
            const events = await sealedEventsOfMonth(tx, org.orgId, periodStart);
            counted.push(events);
            // An empty table (made again for a month already dropped) goes without a record: if
            // its events were deleted by hand, verification still reports them missing.
            if (maxId === 0) continue;
            await insertAuditEvent(tx, org.orgId, {
              type: PARTITION_DROPPED,
              actorType: 'system',
              actorId: 'retention',
              actorLabel: 'Retention',
              summary: `Retention dropped the ${formatCount(events)} audit events of ${periodStart.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })}, older than ${org.retentionDays} days`,
              data: {
                period_start: periodStart.toISOString(),
                events,
                retention_days: org.retentionDays,
                table: target.table,
              },
            });
          }
          await dropAuditTable(tx, target.table, lockTimeoutMs);
          return counted;
        });
        target.orgs.forEach((org, i) => {
          if (maxId > 0) {
            dropped.push({
              orgId: org.orgId,
              table: target.table,
              periodStart,
              events: counts[i]!,
            });
          }
        });
        tables.delete(target.table);
      } catch (err) {
        skipped.push({
          orgId,
          table: target.table,
          reason: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }
  return { dropped, skipped };
}
