import type { Db } from '@/db/client';
import { ensureAuditPartitions } from '@/db/queries/audit-partitions';
import { pruneSessions } from '@/db/queries/console-sessions';
import { pruneThrottles } from '@/db/queries/sign-in-throttles';
import { applyRetention } from '@/lib/audit/retention';
import { SIGN_IN_THROTTLE } from '@/lib/auth/sign-in-throttle';

const HOUR = 60 * 60 * 1000;
/** How long an ended session stays in the table after it ended or ran out. */
const ENDED_SESSIONS_KEPT_MS = 30 * 24 * HOUR;

/**
 * Background upkeep of one hub process, hourly: the audit trail's tables for the months ahead,
 * then per-org retention (lib/audit/retention.ts), then sign-in throttles nobody failed for a day
 * and sessions over for 30 days.
 * Returns a stop function.
 */
export function startMaintenance(db: Db, log: (line: string) => void): () => void {
  const fail = (what: string) => (err: unknown) =>
    log(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  const upkeep = async () => {
    await ensureAuditPartitions(db, { monthsAhead: 3 }).catch(fail('audit partition upkeep'));
    const outcome = await applyRetention(db).catch(fail('audit retention'));
    for (const d of outcome?.dropped ?? []) {
      log(`retention dropped ${d.table} (${d.events} events of org ${d.orgId})`);
    }
    const quiet = Math.max(...Object.values(SIGN_IN_THROTTLE).map((rule) => rule.forgetSeconds));
    await pruneThrottles(db, quiet).catch(fail('sign-in throttle pruning'));
    await pruneSessions(db, new Date(Date.now() - ENDED_SESSIONS_KEPT_MS)).catch(
      fail('session pruning'),
    );
  };
  const timer = setInterval(() => void upkeep(), HOUR);
  timer.unref();
  // Once soon after start too, so a hub restarted more often than hourly still keeps retention.
  const first = setTimeout(() => void upkeep(), 60_000);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
