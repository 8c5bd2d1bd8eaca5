import { getDb } from '@/db/client';
import { getRevocationEntryBySeq } from '@/db/queries/revocations';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { ExpectedError } from '@/lib/errors';
import { loadEnforcement, presentEnforcement } from '@/lib/revocations/enforcement/load';
import { seqParam } from '@/lib/revocations/feed-query';
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
    const parsed = seqParam.safeParse(context.params.seq);
    if (!parsed.success) {
      throw new ExpectedError('invalid', 'The seq must be a non-negative integer.', {
        errors: [{ path: '/seq', message: 'expected a seq: a non-negative decimal integer' }],
      });
    }
    const db = getDb();
    const orgId = context.principal.orgId;
    const entry = await getRevocationEntryBySeq(db, orgId, parsed.data);
    if (!entry)
      throw new ExpectedError(
        'not_found',
        'No revocation entry with this seq in your organization.',
      );
    const enforcement = (await loadEnforcement(db, orgId, [entry])).get(entry.id)!;
    return { ...presentEntry(entry), ...presentEnforcement(enforcement) };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(one);
