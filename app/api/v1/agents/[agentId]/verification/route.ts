import { getDb } from '@/db/client';
import { apiRoute, isUuid, readJsonBody } from '@/lib/api/route';
import { presentAgent } from '@/lib/agents/present';
import { verificationBody } from '@/lib/agents/schemas';
import { changeAgentVerification } from '@/lib/agents/verification';
import { ExpectedError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/**
 * Sets an agent's verification status. Suspending or blocking makes an `agent` revocation entry,
 * reinstating one with `not_before`; the answer names its `revocation_seq`. The same status again
 * is a 409 that changes nothing.
 */
export const POST = apiRoute<{ agentId: string }>(
  { permission: 'write' },
  async (request, { actor, params }) => {
    if (!isUuid(params.agentId))
      throw new ExpectedError('not_found', 'No agent with this id in your organization.');
    const body = await readJsonBody(request, verificationBody);
    const change = await changeAgentVerification(getDb(), actor, {
      agentId: params.agentId,
      status: body.status,
      reason: body.reason,
    });
    return Response.json({
      ...presentAgent(change.agent),
      previous_status: change.from,
      revocation_seq: change.revocationSeq,
    });
  },
);
