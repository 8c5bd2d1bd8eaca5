import { getDb } from '@/db/client';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { ExpectedError } from '@/lib/errors';
import { presentAgentDetail } from '@/lib/agents/present-detail';
import { loadAgentDetail } from '@/lib/agents/detail';
import { agentDetailSchema } from '@/lib/agents/schemas';

export const dynamic = 'force-dynamic';

/** One agent with its consents, token counts, scope usage, checks and verification history. */
const one = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/agents/{agentId}',
    tag: 'Agents',
    summary: 'One agent with its consents, token counts, scope usage and verification history',
    access: 'read',
    response: { status: 200, schema: agentDetailSchema },
    headers: { 'cache-control': 'no-store' },
    errors: [404],
  },
  async (_request, { principal, params }) => {
    const detail = await loadAgentDetail(getDb(), principal.orgId, params.agentId);
    if (!detail)
      throw new ExpectedError('not_found', 'No agent with this id in your organization.');
    return presentAgentDetail(detail);
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(one);
