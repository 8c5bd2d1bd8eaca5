import { getDb } from '@/db/client';
import { findAgentStatus } from '@/db/queries/agent-status';
import { agentStatusSchema } from '@/lib/agents/schemas';
import { agentStatusQuery, presentAgentStatus } from '@/lib/agents/status';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { ExpectedError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/**
 * An agent's verification status and allowed scopes, by its outside identifiers, so an
 * authorization server can refuse to issue tokens to a suspended or blocked agent.
 */
const status = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/agents/status',
    tag: 'Agents',
    summary: 'An agent’s verification status and allowed scopes, by issuer and client_id',
    description:
      'For an authorization server deciding whether to issue a token. A suspended, blocked or ' +
      'deleted agent has `may_issue_tokens: false` and no allowed scopes; otherwise ' +
      '`allowed_scopes` is the scope it registered, or null when it registered none (the hub ' +
      'then sets no limit). A source API key may call it.',
    access: 'source-key',
    query: agentStatusQuery,
    response: { status: 200, schema: agentStatusSchema },
    headers: { 'cache-control': 'no-store' },
    errors: [404, 422],
    // the org-1 agent's (issuer, client_id) is unknown in the other org: 404
    admits: ['auditor', 'admin', 'owner', 'auditor_token', 'admin_token', 'source_key'],
  },
  async (_request, { principal, query }) => {
    const row = await findAgentStatus(getDb(), principal.orgId, query.issuer, query.client_id);
    if (!row)
      throw new ExpectedError(
        'not_found',
        'No agent with this issuer and client_id in your organization.',
      );
    return presentAgentStatus(row);
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(status);
