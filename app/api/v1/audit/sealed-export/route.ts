import { getDb } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { apiRoute } from '@/lib/api/route';
import { adminAuditFields } from '@/lib/audit/actor';
import { exportFileName } from '@/lib/audit/export-stream';
import { sealedExportStream } from '@/lib/audit/seal/export';

export const dynamic = 'force-dynamic';

/**
 * The org's whole sealed trail with its signed checkpoints, as NDJSON that verifies offline with
 * lib/audit/seal/verify-export.mjs. Recorded in the trail before the first byte is sent.
 */
export const GET = apiRoute({ permission: 'read' }, async (_request, { principal, actor }) => {
  const db = getDb();
  await insertAuditEvent(db, principal.orgId, {
    type: 'audit.exported',
    ...adminAuditFields(actor),
    summary: `${actor.email} exported the sealed audit trail with its proofs`,
    data: { format: 'sealed-ndjson' },
  });
  const file = exportFileName('ndjson').replace('audit-events-', 'sealed-audit-');
  return new Response(sealedExportStream(db, principal.orgId), {
    headers: {
      'content-type': 'application/x-ndjson',
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
