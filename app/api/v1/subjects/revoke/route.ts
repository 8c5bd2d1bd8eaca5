import { getDb } from '@/db/client';
import { apiRoute, readJsonBody } from '@/lib/api/route';
import { presentEntries } from '@/lib/grants/present';
import { revokeSubject } from '@/lib/grants/revoke-subject';
import { revokeSubjectBody } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

/** Revokes everything of one end user: their consents, and a `subject` entry for their tokens. */
export const POST = apiRoute({ permission: 'write' }, async (request, { actor }) => {
  const body = await readJsonBody(request, revokeSubjectBody);
  const { consentsRevoked, entries } = await revokeSubject(getDb(), actor, body);
  return Response.json({
    consents_revoked: consentsRevoked,
    revocation_entries: presentEntries(entries),
  });
});
