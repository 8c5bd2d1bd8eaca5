import { getDb } from '@/db/client';
import { latestVerification } from '@/db/queries/audit-seal';
import { routeMethods } from '@/lib/api/methods';
import { answer, defineOperation } from '@/lib/api/operation';
import { verificationSchema } from '@/lib/audit/schemas';
import { presentVerification } from '@/lib/audit/seal/present';
import { verificationRunning, verifyWithinWait } from '@/lib/audit/seal/worker';

export const dynamic = 'force-dynamic';

const noStore = { 'cache-control': 'no-store' };

/** What the last verification of the org's sealed trail found (the console badge), and whether one runs. */
const latest = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/audit/verification',
    tag: 'Audit trail',
    summary: 'What the last verification of the whole sealed trail found',
    access: 'read',
    response: { status: 200, schema: verificationSchema },
    headers: noStore,
  },
  async (_request, { principal }) => {
    const latest = await latestVerification(getDb(), principal.orgId);
    return { ...presentVerification(latest), running: verificationRunning(principal.orgId) };
  },
);

/**
 * Verifies the org's whole trail now and answers what it found; a trail too big to verify within
 * the wait answers 202 with the last outcome and `running: true`, to poll with GET. Reads only:
 * auditors may.
 */
const verify = defineOperation(
  {
    method: 'POST',
    path: '/api/v1/audit/verification',
    tag: 'Audit trail',
    summary: 'Verify the whole sealed trail now',
    description:
      'Joins a verification already running for the org. Answers 200 with the outcome when it ' +
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
    const latest = await latestVerification(db, principal.orgId);
    if (!report) {
      return answer(
        { ...presentVerification(latest), running: true },
        {
          status: 202,
          headers: { location: '/api/v1/audit/verification', 'retry-after': '5' },
        },
      );
    }
    return { ...presentVerification(latest), running: false };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(latest, verify);
