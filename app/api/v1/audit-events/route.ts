import { getDb } from '@/db/client';
import { decodeAuditCursor, encodeAuditCursor } from '@/db/queries/audit-cursor';
import { listAuditTrail } from '@/lib/audit/trail';
import { invalidCursor, listResponse, readQuery } from '@/lib/api/list';
import { apiRoute } from '@/lib/api/route';
import { auditListQuery, toAuditFilter } from '@/lib/audit/filter';
import { presentAuditEvent } from '@/lib/audit/present';

export const dynamic = 'force-dynamic';

/** The audit trail, newest first, keyset-paged; any role may read it. */
export const GET = apiRoute({ permission: 'read' }, async (request, { principal }) => {
  const { limit, cursor: rawCursor, ...params } = readQuery(request, auditListQuery);
  const cursor = rawCursor ? decodeAuditCursor(rawCursor) : null;
  if (rawCursor && !cursor) {
    throw invalidCursor();
  }
  const page = await listAuditTrail(getDb(), principal.orgId, toAuditFilter(params), {
    cursor,
    limit,
    withData: true,
  });
  return listResponse(
    page.items.map(presentAuditEvent),
    page.nextCursor ? encodeAuditCursor(page.nextCursor) : null,
  );
});
