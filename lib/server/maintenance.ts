import type { Db } from '@/db/client';
import { ensureAuditPartitions } from '@/db/queries/audit-partitions';

const HOUR = 60 * 60 * 1000;

/** Background upkeep of one hub process. Returns a stop function. */
export function startMaintenance(db: Db, log: (line: string) => void): () => void {
  const timer = setInterval(() => {
    ensureAuditPartitions(db, { monthsAhead: 3 }).catch((err: unknown) =>
      log(`audit partition upkeep failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }, HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
