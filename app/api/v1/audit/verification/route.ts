import { getDb } from '@/db/client';
import { routeMethods } from '@/lib/api/methods';
import { answer, defineOperation } from '@/lib/api/operation';
import { verificationSchema } from '@/lib/audit/schemas';
import { loadTrailIntegrity } from '@/lib/audit/seal/status';
import { verifyWithinWait } from '@/lib/audit/seal/worker';

export const dynamic = 'force-dynamic';

const noStore = { 'cache-control': 'no-store' };

/**
 * What the last verification of the org's sealed trail found, how far sealing reaches now (the
 * console badge), and whether a verification runs.
 */
const latest = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/audit/verification',
    tag: 'Audit trail',
    summary: 'What the last verification of the sealed trail found, and how far sealing reaches',
    description:
      'The hub verifies at start and every 10 minutes what was sealed since its last successful ' +
      'verification (`kind: incremental`, from checkpoint `checked_from`), and the whole trail ' +
      '(`kind: full`) at least daily and on demand. `sealing` says how far the signed ' +
      'checkpoints reach now.',
    access: 'read',
    response: { status: 200, schema: verificationSchema },
    headers: noStore,
  },
  async (_request, { principal }) => loadTrailIntegrity(getDb(), principal.orgId),
);

/**
 * Verifies the org's whole trail now (a full run) and answers what it found; a trail too big to
 * verify within the wait answers 202 with the last outcome and `running: true`, to poll with GET.
 * Reads only: auditors may.
 */
const verify = defineOperation(
  {
    method: 'POST',
    path: '/api/v1/audit/verification',
    tag: 'Audit trail',
    summary: 'Verify the whole sealed trail now',
    description:
      'A full verification: every checkpoint and event. Joins a full one already running for ' +
      'the org (an incremental one running is let finish first). Answers 200 with the outcome when it ' +
      'finishes within 10 s; a bigger trail answers 202 with the last outcome and ' +
      '`running: true` (`Location` and `Retry-After` say where and when to poll) and goes on in ' +
      'the background.',
    access: 'read',
    response: { status: 200, schema: verificationSchema },
    headers: noStore,
  },
  async (_request, { principal }) => {
    const db = getDb();
    const report = await verifyWithinWait(db, principal.orgId);
    const state = await loadTrailIntegrity(db, principal.orgId);
    if (!report) {
      return answer(
        { ...state, running: true },
        {
          status: 202,
          headers: { location: '/api/v1/audit/verification', 'retry-after': '5' },
        },
      );
    }
    return { ...state, running: false };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(latest, verify);
