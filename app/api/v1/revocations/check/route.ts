import { getDb } from '@/db/client';
import { findCandidateEntries, findTokenIssuedAt } from '@/db/queries/revocations';
import { apiRoute, readJsonBody } from '@/lib/api/route';
import { checkBody, decide } from '@/lib/revocations/check';
import { presentEntry } from '@/lib/revocations/present';

export const dynamic = 'force-dynamic';

/** For servers that keep no local copy: is this token refused, and by which entry? */
export const POST = apiRoute(
  { permission: 'read', allowSourceKey: true },
  async (request, { principal }) => {
    const input = await readJsonBody(request, checkBody);
    const db = getDb();
    const entries = await findCandidateEntries(db, principal.orgId, {
      tokenRef: input.token_ref ?? null,
      familyId: input.family_id ?? null,
      issuer: input.issuer ?? null,
      clientId: input.client_id ?? null,
      sub: input.sub ?? null,
    });
    const issuedAt = input.issued_at
      ? new Date(input.issued_at)
      : input.token_ref
        ? await findTokenIssuedAt(db, principal.orgId, input.token_ref)
        : null;
    const entry = decide(entries, issuedAt);
    return Response.json(
      { revoked: entry !== null, entry: entry ? presentEntry(entry) : null },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
);
