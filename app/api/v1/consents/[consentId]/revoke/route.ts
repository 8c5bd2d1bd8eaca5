import { getDb } from '@/db/client';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { isUuid } from '@/lib/api/route';
import { notFound } from '@/lib/grants/api';
import { presentConsent, presentEntries } from '@/lib/grants/present';
import { revokeConsent } from '@/lib/grants/revoke-consent';
import { revokeConsentBody, revokedConsentSchema } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

/** Revokes a consent, or only `scopes` of it; answers the consent and the entries made. */
const revoke = defineOperation(
  {
    method: 'POST',
    path: '/api/v1/consents/{consentId}/revoke',
    tag: 'Consents',
    summary: 'Revoke a consent, or only some of its scopes; its tokens end with it',
    access: 'write',
    body: revokeConsentBody,
    response: { status: 200, schema: revokedConsentSchema },
    errors: [404, 409],
  },
  async (_request, { actor, params, body }) => {
    if (!isUuid(params.consentId)) throw notFound('consent');
    const { consent, entries } = await revokeConsent(getDb(), actor, {
      consentId: params.consentId,
      reason: body.reason,
      scopes: body.scopes ?? null,
    });
    return { ...presentConsent(consent), revocation_entries: presentEntries(entries) };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(revoke);
