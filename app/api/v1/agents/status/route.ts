import { getDb } from '@/db/client';
import { findAgentStatus } from '@/db/queries/agent-status';
import { agentStatusQuery, presentAgentStatus } from '@/lib/agents/status';
import { readQuery } from '@/lib/api/list';
import { apiRoute } from '@/lib/api/route';
import { ExpectedError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/**
 * An agent's verification status and allowed scopes, by its outside identifiers, so an
 * authorization server can refuse to issue tokens to a suspended or blocked agent.
 */
export const GET = apiRoute(
  { permission: 'read', allowSourceKey: true },
  async (request, { principal }) => {
    const query = readQuery(request, agentStatusQuery);
    const row = await findAgentStatus(getDb(), principal.orgId, query.issuer, query.client_id);
    if (!row)
      throw new ExpectedError(
        'not_found',
        'No agent with this issuer and client_id in your organization.',
      );
    return Response.json(presentAgentStatus(row), { headers: { 'cache-control': 'no-store' } });
  },
);
