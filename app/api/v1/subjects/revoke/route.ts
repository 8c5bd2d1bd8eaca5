import { getDb } from '@/db/client';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { presentEntries } from '@/lib/grants/present';
import { revokeSubject } from '@/lib/grants/revoke-subject';
import { revokedSubjectSchema, revokeSubjectBody } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

/** Revokes everything of one end user: their consents, and a `subject` entry for their tokens. */
const revoke = defineOperation(
  {
    method: 'POST',
    path: '/api/v1/subjects/revoke',
    tag: 'Consents',
    summary:
      'Revoke everything of one end user: their consents end and a `subject` entry refuses all their tokens',
    access: 'write',
    body: revokeSubjectBody,
    response: { status: 200, schema: revokedSubjectSchema },
    errors: [404],
    // the org-1 subject is unknown in the other org: 404
    admits: ['admin', 'owner', 'admin_token'],
  },
  async (_request, { actor, body }) => {
    const { consentsRevoked, entries } = await revokeSubject(getDb(), actor, body);
    return { consents_revoked: consentsRevoked, revocation_entries: presentEntries(entries) };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(revoke);
