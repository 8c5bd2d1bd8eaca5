import { getDb } from '@/db/client';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { loadEnforcement, presentEnforcement } from '@/lib/revocations/enforcement/load';
import { entryOfSeq } from '@/lib/revocations/entry-of-seq';
import { presentEntry } from '@/lib/revocations/present';
import { entryEnforcementSchema } from '@/lib/revocations/schemas';

export const dynamic = 'force-dynamic';

/** One entry and, per source that should enforce it, whether it does. */
const one = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/revocations/{seq}',
    tag: 'Revocations',
    summary: 'One entry and where it is enforced: each source that should, its status',
    description:
      'Every MCP server and gateway of the org should enforce an entry, and the authorization ' +
      'server whose issuer it names. `summary` counts only sources that enforce revocations ' +
      '(`enforces_revocations`) and are enabled; the others are listed with `counted: false`. ' +
      'Admin API tokens only.',
    access: 'read',
    response: { status: 200, schema: entryEnforcementSchema },
    errors: [404, 422],
  },
  async (_request, context) => {
    const db = getDb();
    const orgId = context.principal.orgId;
    const entry = await entryOfSeq(db, orgId, context.params.seq);
    const enforcement = (await loadEnforcement(db, orgId, [entry])).get(entry.id)!;
    return { ...presentEntry(entry), ...presentEnforcement(enforcement) };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(one);
