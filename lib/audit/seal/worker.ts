import type { Db } from '@/db/client';
import {
  insertVerification,
  latestVerification,
  orgsWithTrail,
  type VerificationRecord,
} from '@/db/queries/audit-seal';
import { registerSigningKey, type SigningKey } from './keys';
import { sealPass } from './sealer';
import { verifyOrgTrail, type TrailReport, type VerificationKind } from './verify';

export const SEAL_INTERVAL_MS = 10_000;
/** How often the hub checks what was sealed since its last verification (cheap: only that). */
export const VERIFY_INTERVAL_MS = 10 * 60 * 1000;
/** A full verification, every checkpoint and event, is due this long after the last one. */
export const FULL_VERIFY_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** What a caller asks for: one kind, or whichever the schedule says is due. */
export type VerificationRequest = VerificationKind | 'due';

type InFlight = { kind: VerificationRequest; run: Promise<TrailReport> };

// On globalThis: the API route, the console's action and the background worker are separate
// bundles of one process, each with its own copy of this module.
const holder = globalThis as typeof globalThis & {
  __hubVerifications?: Map<string, InFlight>;
};
const running = (holder.__hubVerifications ??= new Map());

/**
 * Which kind of verification the schedule wants now. Incremental only after a successful run
 * (so tampering found stays on the badge until a full run finds the trail clean again) and while
 * the last full run is less than a day old; otherwise full.
 */
export function dueVerificationKind(
  latest: VerificationRecord | null,
  lastFull: VerificationRecord | null,
  now: Date,
): VerificationKind {
  if (!latest?.ok || latest.headSeq == null || !latest.headHash) return 'full';
  if (!lastFull || now.getTime() - lastFull.finishedAt.getTime() >= FULL_VERIFY_INTERVAL_MS)
    return 'full';
  return 'incremental';
}

export type VerifyRecordOptions = {
  /** `full` unless said: the console's "Verify now" and the API check the whole trail */
  kind?: VerificationRequest;
  now?: () => Date;
};

/**
 * Verifies an org's trail and keeps the outcome for the console badge and the API. One run per
 * org at a time in this process: a call while one runs (a second "Verify now", the API, the
 * scheduled check) joins it and gets its report, rather than reading the trail again beside it;
 * only a full run asked for while a smaller one runs waits for it and then runs. Hub processes
 * sharing PostgreSQL do not coordinate here; their runs only read, and each records its own
 * outcome, so an overlap costs time but never a wrong badge.
 */
export function verifyAndRecord(
  db: Db,
  orgId: string,
  options: VerifyRecordOptions = {},
): Promise<TrailReport> {
  const want = options.kind ?? 'full';
  const inFlight = running.get(orgId);
  if (inFlight && (want !== 'full' || inFlight.kind === 'full')) return inFlight.run;
  const before = inFlight?.run.then(
    () => undefined,
    () => undefined,
  );
  const entry = { kind: want } as InFlight;
  entry.run = (before ?? Promise.resolve())
    .then(() =>
      verifyAndRecordNow(db, orgId, want, options.now ?? (() => new Date()), (kind) => {
        entry.kind = kind;
      }),
    )
    .finally(() => {
      if (running.get(orgId) === entry) running.delete(orgId);
    });
  running.set(orgId, entry);
  return entry.run;
}

/** The verification the schedule runs for an org: incremental, or full when one is due. */
export function verifyScheduled(db: Db, orgId: string, now: () => Date): Promise<TrailReport> {
  return verifyAndRecord(db, orgId, { kind: 'due', now });
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

async function verifyAndRecordNow(
  db: Db,
  orgId: string,
  want: VerificationRequest,
  now: () => Date,
  decided: (kind: VerificationKind) => void,
): Promise<TrailReport> {
  const previous = await latestVerification(db, orgId);
  const kind =
    want === 'due'
      ? dueVerificationKind(previous, await latestVerification(db, orgId, 'full'), now())
      : want;
  const previousHead =
    previous?.headSeq != null && previous.headHash
      ? { seq: previous.headSeq, hash: previous.headHash }
      : null;
  // Only a successful run's head is a place to go on from; anything else is checked in full.
  const from = kind === 'incremental' && previous?.ok ? previousHead : null;
  decided(from ? 'incremental' : 'full');
  const report = await verifyOrgTrail(db, orgId, {
    previousHead: from ? null : previousHead,
    from,
    now,
  });
  await insertVerification(db, {
    orgId,
    kind: report.kind,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    ok: report.ok,
    checkpoints: report.checkpoints,
    events: report.events,
    checkedFromSeq: report.checkedFromSeq,
    checkedCheckpoints: report.checkedCheckpoints,
    checkedEvents: report.checkedEvents,
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
 * Seals every few seconds and, at start and every 10 minutes, verifies what every org sealed
 * since (a full verification at least daily), in the background of one hub process (several
 * processes take turns sealing through advisory locks). Returns a stop function.
 */
export function startSealing(
  db: Db,
  key: SigningKey,
  log: (line: string) => void,
  options: { now?: () => Date } = {},
): () => void {
  const now = options.now ?? (() => new Date());
  let stopped = false;
  let lastVerify = -Infinity;
  let busy = false;
  const fail = (what: string) => (err: unknown) =>
    log(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);

  const tick = async () => {
    await sealPass(db, key).catch(fail('audit sealing'));
    if (now().getTime() - lastVerify < VERIFY_INTERVAL_MS) return;
    lastVerify = now().getTime();
    for (const orgId of await orgsWithTrail(db)) {
      if (stopped) return;
      const report = await verifyScheduled(db, orgId, now).catch(fail('audit verification'));
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
