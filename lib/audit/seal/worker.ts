import type { Db } from '@/db/client';
import { insertVerification, latestVerification, orgsWithTrail } from '@/db/queries/audit-seal';
import { registerSigningKey, type SigningKey } from './keys';
import { sealPass } from './sealer';
import { verifyOrgTrail, type TrailReport } from './verify';

export const SEAL_INTERVAL_MS = 10_000;
export const VERIFY_INTERVAL_MS = 60 * 60 * 1000;

// On globalThis: the API route, the console's action and the background worker are separate
// bundles of one process, each with its own copy of this module.
const holder = globalThis as typeof globalThis & {
  __hubVerifications?: Map<string, Promise<TrailReport>>;
};
const running = (holder.__hubVerifications ??= new Map());

/**
 * Verifies an org's whole trail and keeps the outcome for the console badge and the API. One run
 * per org at a time in this process: a call while one runs (a second "Verify now", the API, the
 * hourly pass) joins it and gets its report, rather than reading the whole trail again beside
 * it. Hub processes sharing PostgreSQL do not coordinate here; their runs only read, and each
 * records its own outcome, so an overlap costs time but never a wrong badge.
 */
export function verifyAndRecord(db: Db, orgId: string): Promise<TrailReport> {
  const inFlight = running.get(orgId);
  if (inFlight) return inFlight;
  const run = verifyAndRecordNow(db, orgId).finally(() => running.delete(orgId));
  running.set(orgId, run);
  return run;
}

/** Whether a verification of the org's trail is running in this process. */
export function verificationRunning(orgId: string): boolean {
  return running.has(orgId);
}

/** How long a request waits for a verification before answering that it goes on in the background. */
export const verificationWait = { ms: 10_000 };

/**
 * Verifies (or joins the running verification) and waits at most `verificationWait.ms`: a big
 * trail takes minutes, so a request gets `null` then and the run goes on, its outcome recorded
 * for the badge and GET /api/v1/audit/verification as usual.
 */
export async function verifyWithinWait(
  db: Db,
  orgId: string,
  log: (line: string) => void = (line) => console.error(line),
): Promise<TrailReport | null> {
  const run = verifyAndRecord(db, orgId);
  run.catch((err: unknown) =>
    log(`[hub] audit verification failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  // 0: never wait, every verification goes on in the background
  if (verificationWait.ms <= 0) return null;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), verificationWait.ms);
  });
  try {
    return await Promise.race([run, waited]);
  } finally {
    clearTimeout(timer);
  }
}

async function verifyAndRecordNow(db: Db, orgId: string): Promise<TrailReport> {
  const previous = await latestVerification(db, orgId);
  const previousHead =
    previous?.headSeq != null && previous.headHash
      ? { seq: previous.headSeq, hash: previous.headHash }
      : null;
  const report = await verifyOrgTrail(db, orgId, { previousHead });
  await insertVerification(db, {
    orgId,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    ok: report.ok,
    checkpoints: report.checkpoints,
    events: report.events,
    verifiedThrough: report.verifiedThrough ? new Date(report.verifiedThrough) : null,
    // A failed run keeps the head it was checked against, so the next run still looks for it.
    headSeq: report.ok ? report.headSeq : (previousHead?.seq ?? report.headSeq),
    headHash: report.ok ? report.headHash : (previousHead?.hash ?? report.headHash),
    unsealedEvents: report.unsealedEvents,
    droppedEvents: report.droppedEvents,
    problems: { count: report.problemCount, items: report.problems },
  });
  return report;
}

/**
 * Seals every few seconds and verifies every org's whole trail at start and hourly, in the
 * background of one hub process (several processes take turns through advisory locks).
 * Returns a stop function.
 */
export function startSealing(db: Db, key: SigningKey, log: (line: string) => void): () => void {
  let stopped = false;
  let lastVerify = 0;
  let busy = false;
  const fail = (what: string) => (err: unknown) =>
    log(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);

  const tick = async () => {
    await sealPass(db, key).catch(fail('audit sealing'));
    if (Date.now() - lastVerify < VERIFY_INTERVAL_MS) return;
    lastVerify = Date.now();
    for (const orgId of await orgsWithTrail(db)) {
      if (stopped) return;
      const report = await verifyAndRecord(db, orgId).catch(fail('audit verification'));
      if (report && !report.ok) {
        log(`audit trail of org ${orgId} FAILED verification: ${report.problemCount} problems`);
      }
    }
  };
  // A tick that outlasts the interval (a long verification) makes the next ones skip.
  const run = (first?: Promise<unknown>) => {
    if (busy || stopped) return;
    busy = true;
    void (first ?? Promise.resolve())
      .then(tick)
      .catch(fail('audit sealing'))
      .finally(() => (busy = false));
  };
  const timer = setInterval(() => run(), SEAL_INTERVAL_MS);
  timer.unref();
  run(registerSigningKey(db, key));
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
