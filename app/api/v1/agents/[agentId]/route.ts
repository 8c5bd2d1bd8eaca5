import { getDb } from '@/db/client';
import { apiRoute } from '@/lib/api/route';
import { ExpectedError } from '@/lib/errors';
import { presentAgentDetail } from '@/lib/agents/present-detail';
import { loadAgentDetail } from '@/lib/agents/detail';

export const dynamic = 'force-dynamic';

/** One agent with its consents, token counts, scope usage, checks and verification history. */
export const GET = apiRoute<{ agentId: string }>(
  { permission: 'read' },
  async (_request, { principal, params }) => {
    const detail = await loadAgentDetail(getDb(), principal.orgId, params.agentId);
    if (!detail)
      throw new ExpectedError('not_found', 'No agent with this id in your organization.');
    return Response.json(presentAgentDetail(detail), { headers: { 'cache-control': 'no-store' } });
  },
);
