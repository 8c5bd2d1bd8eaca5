import { getDb } from '@/db/client';
import { routeMethods } from '@/lib/api/methods';
import { defineOperation } from '@/lib/api/operation';
import { isUuid } from '@/lib/api/route';
import { presentAgent } from '@/lib/agents/present';
import { verificationBody, verificationChangeSchema } from '@/lib/agents/schemas';
import { changeAgentVerification } from '@/lib/agents/verification';
import { ExpectedError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/**
 * Sets an agent's verification status. Suspending or blocking makes an `agent` revocation entry,
 * reinstating one with `not_before`; the answer names its `revocation_seq`. The same status again
 * is a 409 that changes nothing.
 */
const change = defineOperation(
  {
    method: 'POST',
    path: '/api/v1/agents/{agentId}/verification',
    tag: 'Agents',
    summary: 'Change the verification status; suspended and blocked make an `agent` revocation',
    description:
      'Reinstating a suspended or blocked agent sets its not_before and makes an `agent` entry ' +
      'carrying it: tokens issued before stay refused.',
    access: 'write',
    body: verificationBody,
    response: { status: 200, schema: verificationChangeSchema },
    errors: [404, 409],
  },
  async (_request, { actor, params, body }) => {
    if (!isUuid(params.agentId))
      throw new ExpectedError('not_found', 'No agent with this id in your organization.');
    const change = await changeAgentVerification(getDb(), actor, {
      agentId: params.agentId,
      status: body.status,
      reason: body.reason,
    });
    return {
      ...presentAgent(change.agent),
      previous_status: change.from,
      revocation_seq: change.revocationSeq,
    };
  },
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(change);
