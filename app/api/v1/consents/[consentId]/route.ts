import { getDb } from '@/db/client';
import { getConsent, listConsentHistory } from '@/db/queries/consents';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { notFound } from '@/lib/grants/api';
import { presentConsent, presentHistory } from '@/lib/grants/present';
import { consentDetailSchema } from '@/lib/grants/schemas';

export const dynamic = 'force-dynamic';

/** One consent with its scope history (an extension of shared/spec/admin-api.md). */
const one = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/consents/{consentId}',
    tag: 'Consents',
    summary: 'One consent with its scope history',
    access: 'read',
    response: { status: 200, schema: consentDetailSchema },
    headers: { 'cache-control': 'no-store' },
    errors: [404],
  },
  async (_request, { principal, params }) => {
    const db = getDb();
    const consent = await getConsent(db, principal.orgId, params.consentId);
    if (!consent) throw notFound('consent');
    const history = await listConsentHistory(db, principal.orgId, consent.id);
    return { ...presentConsent(consent), history: history.map(presentHistory) };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(one);
