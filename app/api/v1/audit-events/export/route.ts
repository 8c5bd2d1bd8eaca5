import { getDb } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { readQuery } from '@/lib/api/list';
import { apiRoute } from '@/lib/api/route';
import { adminAuditFields } from '@/lib/audit/actor';
import { auditExportStream, exportFileName } from '@/lib/audit/export-stream';
import { auditExportQuery, auditFilterToParams, toAuditFilter } from '@/lib/audit/filter';

export const dynamic = 'force-dynamic';

const contentTypes = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson' } as const;

/**
 * The whole filtered trail as CSV or NDJSON, streamed with no row cap. Auditors may export; the
 * export is itself recorded (who, which filter) before the first byte is sent.
 */
export const GET = apiRoute({ permission: 'read' }, async (request, { principal, actor }) => {
  const { format, ...params } = readQuery(request, auditExportQuery);
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
});
