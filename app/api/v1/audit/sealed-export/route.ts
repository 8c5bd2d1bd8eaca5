import { getDb } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { adminAuditFields } from '@/lib/audit/actor';
import { exportFileName } from '@/lib/audit/export-stream';
import { sealedExportStream } from '@/lib/audit/seal/export';

export const dynamic = 'force-dynamic';

/**
 * The org's whole sealed trail with its signed checkpoints, as NDJSON that verifies offline with
 * lib/audit/seal/verify-export.mjs. Recorded in the trail before the first byte is sent.
 */
const sealedExport = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/audit/sealed-export',
    tag: 'Audit trail',
    summary: 'The whole sealed trail with its signed checkpoints, as NDJSON that verifies offline',
    description:
      'Checkpoints, Merkle roots and the export format: lib/audit/seal/README.md in the repository.',
    access: 'read',
    response: {
      status: 200,
      contentType: 'application/x-ndjson',
      description: 'a header line, then checkpoints and their events',
    },
  },
  async (_request, { principal, actor }) => {
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
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(sealedExport);
