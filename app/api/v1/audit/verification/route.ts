import { getDb } from '@/db/client';
import { latestVerification } from '@/db/queries/audit-seal';
import { apiRoute } from '@/lib/api/route';
import { presentVerification } from '@/lib/audit/seal/present';
import { verificationRunning, verifyWithinWait } from '@/lib/audit/seal/worker';

export const dynamic = 'force-dynamic';

const noStore = { 'cache-control': 'no-store' };

/** What the last verification of the org's sealed trail found (the console badge), and whether one runs. */
export const GET = apiRoute({ permission: 'read' }, async (_request, { principal }) => {
  const latest = await latestVerification(getDb(), principal.orgId);
  return Response.json(
    { ...presentVerification(latest), running: verificationRunning(principal.orgId) },
    { headers: noStore },
  );
});

/**
 * Verifies the org's whole trail now and answers what it found; a trail too big to verify within
 * the wait answers 202 with the last outcome and `running: true`, to poll with GET. Reads only:
 * auditors may.
 */
export const POST = apiRoute({ permission: 'read' }, async (_request, { principal }) => {
  const db = getDb();
  const report = await verifyWithinWait(db, principal.orgId);
  const latest = await latestVerification(db, principal.orgId);
  if (!report) {
    return Response.json(
      { ...presentVerification(latest), running: true },
      {
        status: 202,
        headers: { ...noStore, location: '/api/v1/audit/verification', 'retry-after': '5' },
      },
    );
  }
  return Response.json({ ...presentVerification(latest), running: false }, { headers: noStore });
});
