'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requiredReason } from '@/lib/agents/schemas';
import { changeAgentVerification, type VerificationChange } from '@/lib/agents/verification';
import { serverAction } from '@/lib/auth/action';
import { verificationStatuses } from '@/lib/constants';

export type AgentStatusOutcome = { status: VerificationChange['to']; revocationSeq: string | null };

function outcome(change: VerificationChange): string {
  const entry = change.revocationSeq ? `revocation entry ${change.revocationSeq}` : null;
  switch (change.to) {
    case 'suspended':
    case 'blocked':
      return `${change.to === 'suspended' ? 'Suspended' : 'Blocked'}. Servers are told by ${entry} to refuse every token of this agent.`;
    default:
      if (entry) {
        return `Reinstated as ${change.to}. Tokens issued from now on are accepted; older ones stay refused (${entry}).`;
      }
      return change.to === 'verified' ? 'Verified.' : 'Returned to pending.';
  }
}

/** Verify, suspend, block or reinstate an agent, with the reason kept in the audit trail. */
export const changeAgentStatusAction = serverAction(
  {
    as: 'console',
    permission: 'write',
    schema: z.object({
      agentId: z.uuid('That is not an agent id.'),
      status: z.enum(verificationStatuses, 'Choose a status.'),
      reason: requiredReason,
    }),
  },
  async (input, { auditActor }) => {
    const change = await changeAgentVerification(getDb(), auditActor, input);
    revalidatePath(`/agents/${input.agentId}`);
    revalidatePath('/agents');
    return {
      ok: true,
      data: { status: change.to, revocationSeq: change.revocationSeq } satisfies AgentStatusOutcome,
      message: outcome(change),
    };
  },
);
