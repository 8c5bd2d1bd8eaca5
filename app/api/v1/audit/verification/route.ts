import { getDb } from '@/db/client';
import { latestVerification } from '@/db/queries/audit-seal';
import { apiRoute } from '@/lib/api/route';
import { presentVerification } from '@/lib/audit/seal/present';
import { verifyAndRecord } from '@/lib/audit/seal/worker';

export const dynamic = 'force-dynamic';

/** What the last verification of the org's sealed trail found (the console badge). */
export const GET = apiRoute({ permission: 'read' }, async (_request, { principal }) => {
  const latest = await latestVerification(getDb(), principal.orgId);
  return Response.json(presentVerification(latest), { headers: { 'cache-control': 'no-store' } });
});

/** Verifies the org's whole trail now and answers what it found. Reads only: auditors may. */
export const POST = apiRoute({ permission: 'read' }, async (_request, { principal }) => {
  const db = getDb();
  await verifyAndRecord(db, principal.orgId);
  const latest = await latestVerification(db, principal.orgId);
  return Response.json(presentVerification(latest), { headers: { 'cache-control': 'no-store' } });
});
