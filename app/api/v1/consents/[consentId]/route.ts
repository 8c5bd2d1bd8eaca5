import { getDb } from '@/db/client';
import { getConsent, listConsentHistory } from '@/db/queries/consents';
import { apiRoute } from '@/lib/api/route';
import { notFound } from '@/lib/grants/api';
import { presentConsent, presentHistory } from '@/lib/grants/present';

export const dynamic = 'force-dynamic';

/** One consent with its scope history (an extension of shared/spec/admin-api.md). */
export const GET = apiRoute<{ consentId: string }>(
  { permission: 'read' },
  async (_request, { principal, params }) => {
    const db = getDb();
    const consent = await getConsent(db, principal.orgId, params.consentId);
    if (!consent) throw notFound('consent');
    const history = await listConsentHistory(db, principal.orgId, consent.id);
    return Response.json(
      { ...presentConsent(consent), history: history.map(presentHistory) },
      { headers: { 'cache-control': 'no-store' } },
    );
  },
);
