import { getDb } from '@/db/client';
import { findRefusingEntry } from '@/db/queries/refusals';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { checkBody } from '@/lib/revocations/check';
import { presentEntry } from '@/lib/revocations/present';
import { checkAnswerSchema } from '@/lib/revocations/schemas';

export const dynamic = 'force-dynamic';

/** For servers that keep no local copy: is this token refused, and by which entry? */
const check = defineOperation(
  {
    method: 'POST',
    path: '/api/v1/revocations/check',
    tag: 'Revocations',
    summary: 'Is this token refused? For servers that keep no local copy',
    description:
      'Send any of token_ref, family_id, issuer + client_id and/or sub (and optionally issued_at). ' +
      'A reinstated agent or grant (an entry with not_before) refuses only tokens issued before it; ' +
      'when the issuance is unknown to the caller and the hub, the token is refused.',
    access: 'source-key',
    body: checkBody,
    response: { status: 200, schema: checkAnswerSchema },
    headers: { 'cache-control': 'no-store' },
  },
  async (_request, { principal, body: input }) => {
    const entry = await findRefusingEntry(getDb(), principal.orgId, {
      tokenRef: input.token_ref ?? null,
      familyId: input.family_id ?? null,
      issuer: input.issuer ?? null,
      clientId: input.client_id ?? null,
      sub: input.sub ?? null,
      issuedAt: input.issued_at ? new Date(input.issued_at) : null,
    });
    return { revoked: entry !== null, entry: entry ? presentEntry(entry) : null };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(check);
