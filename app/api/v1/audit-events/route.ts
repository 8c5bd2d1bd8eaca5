import { getDb } from '@/db/client';
import { decodeAuditCursor, encodeAuditCursor } from '@/db/queries/audit-cursor';
import { listAuditTrail } from '@/lib/audit/trail';
import { invalidCursor, listResponse } from '@/lib/api/list';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { auditListQuery, toAuditFilter } from '@/lib/audit/filter';
import { presentAuditEvent } from '@/lib/audit/present';
import { auditListSchema } from '@/lib/audit/schemas';

export const dynamic = 'force-dynamic';

/** The audit trail, newest first, keyset-paged; any role may read it. */
const list = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/audit-events',
    tag: 'Audit trail',
    summary: 'The audit trail, newest first, keyset-paginated',
    access: 'read',
    query: auditListQuery,
    response: { status: 200, schema: auditListSchema },
  },
  async (_request, { principal, query }) => {
    const { limit, cursor: rawCursor, ...params } = query;
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
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(list);
