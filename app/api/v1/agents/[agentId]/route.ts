import { getDb } from '@/db/client';
import { ApiError, apiRoute } from '@/lib/api/route';
import { presentAgentDetail } from '@/lib/agents/present-detail';
import { loadAgentDetail } from '@/lib/agents/detail';

export const dynamic = 'force-dynamic';

/** One agent with its consents, token counts, scope usage, checks and verification history. */
export const GET = apiRoute<{ agentId: string }>(
  { permission: 'read' },
  async (_request, { principal, params }) => {
    const detail = await loadAgentDetail(getDb(), principal.orgId, params.agentId);
    if (!detail)
      throw new ApiError(404, 'Not Found', 'No agent with this id in your organization.');
    return Response.json(presentAgentDetail(detail), { headers: { 'cache-control': 'no-store' } });
  },
);
