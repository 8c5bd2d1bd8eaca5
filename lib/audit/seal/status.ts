import type { Executor } from '@/db/client';
import {
  droppedPeriods,
  latestVerification,
  sealedEventsInPeriods,
  sealingProgress,
} from '@/db/queries/audit-seal';
import {
  presentLastFull,
  presentSealing,
  presentVerification,
  type LastFullJson,
  type SealingJson,
  type VerificationJson,
} from './present';
import { verificationRunning } from './worker';

/** The sealed trail's state as the badge, the integrity page and GET /api/v1/audit/verification show it. */
export type TrailIntegrityJson = VerificationJson & {
  last_full: LastFullJson;
  sealing: SealingJson;
  running: boolean;
};

export async function loadTrailIntegrity(db: Executor, orgId: string): Promise<TrailIntegrityJson> {
  const [latest, lastFull, progress, dropped] = await Promise.all([
    latestVerification(db, orgId),
    latestVerification(db, orgId, 'full'),
    sealingProgress(db, orgId),
    droppedPeriods(db, orgId),
  ]);
  const droppedEvents = progress.head
    ? await sealedEventsInPeriods(db, orgId, dropped, progress.head.seq)
    : 0;
  return {
    ...presentVerification(latest),
    last_full: presentLastFull(lastFull),
    sealing: presentSealing(progress, droppedEvents),
    running: verificationRunning(orgId),
  };
}
