import { getDb } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { adminAuditFields } from '@/lib/audit/actor';
import { auditExportStream, exportFileName } from '@/lib/audit/export-stream';
import { auditExportQuery, auditFilterToParams, toAuditFilter } from '@/lib/audit/filter';

export const dynamic = 'force-dynamic';

const contentTypes = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson' } as const;

/**
 * The whole filtered trail as CSV or NDJSON, streamed with no row cap. Auditors may export; the
 * export is itself recorded (who, which filter) before the first byte is sent.
 */
const exportTrail = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/audit-events/export',
    tag: 'Audit trail',
    summary: 'The whole filtered trail, streamed as CSV or NDJSON, no row cap',
    description:
      'CSV cells that a spreadsheet would read as a formula are prefixed with an apostrophe. ' +
      'Each export is itself recorded in the audit trail.',
    access: 'read',
    query: auditExportQuery,
    response: {
      status: 200,
      contentType: 'application/x-ndjson',
      description: 'one audit event per line (or CSV rows)',
    },
  },
  async (_request, { principal, actor, query }) => {
    const { format, ...params } = query;
    const filter = toAuditFilter(params);
    const db = getDb();
    const shown = auditFilterToParams(filter);
    const described = Object.entries(shown)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    await insertAuditEvent(db, principal.orgId, {
      type: 'audit.exported',
      ...adminAuditFields(actor),
      summary: `${actor.email} exported the audit trail as ${format.toUpperCase()} (${
        described
          ? `filter: ${described.length > 300 ? `${described.slice(0, 299)}…` : described}`
          : 'everything'
      })`,
      data: { format, filter: shown },
    });
    const stream = auditExportStream(db, principal.orgId, filter, format, {
      onError: (err) => console.error('[hub] audit export failed', err),
    });
    return new Response(stream, {
      headers: {
        'content-type': contentTypes[format],
        'content-disposition': `attachment; filename="${exportFileName(format)}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(exportTrail);
