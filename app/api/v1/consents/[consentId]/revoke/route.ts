import { getDb } from '@/db/client';
import { apiRoute, isUuid, readJsonBody } from '@/lib/api/route';
import { notFound } from '@/lib/grants/api';
import { presentConsent, presentEntries } from '@/lib/grants/present';
import { revokeConsent } from '@/lib/grants/revoke-consent';
import { revokeConsentBody } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

/** Revokes a consent, or only `scopes` of it; answers the consent and the entries made. */
export const POST = apiRoute<{ consentId: string }>(
  { permission: 'write' },
  async (request, { actor, params }) => {
    if (!isUuid(params.consentId)) throw notFound('consent');
    const body = await readJsonBody(request, revokeConsentBody);
    const { consent, entries } = await revokeConsent(getDb(), actor, {
      consentId: params.consentId,
      reason: body.reason,
      scopes: body.scopes ?? null,
    });
    return Response.json({
      ...presentConsent(consent),
      revocation_entries: presentEntries(entries),
    });
  },
);
