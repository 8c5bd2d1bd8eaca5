'use client';

import { useState } from 'react';
import { ConfirmAction } from '@/components/ui/confirm-action';
import type { ButtonVariant } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/auth/action';
import type { VerificationStatus } from '@/lib/constants';
import { changeAgentStatusAction } from '../actions';

type Move = {
  to: VerificationStatus;
  label: string;
  variant: ButtonVariant;
  description: string;
};

const suspend: Move = {
  to: 'suspended',
  label: 'Suspend',
  variant: 'danger',
  description:
    'Every token of this agent is refused from now on: the hub makes an agent revocation entry for every MCP server and authorization server. Reinstate it later to let new tokens through.',
};
const block: Move = {
  to: 'blocked',
  label: 'Block',
  variant: 'danger',
  description:
    'Like a suspension, every token of this agent is refused from now on, and the status says you do not expect to trust it again.',
};
const reinstate: Move = {
  to: 'verified',
  label: 'Reinstate',
  variant: 'primary',
  description:
    'The agent becomes verified again. Tokens issued before now stay refused; servers accept the ones issued from now on.',
};

const moves: Record<VerificationStatus, Move[]> = {
  pending: [
    {
      to: 'verified',
      label: 'Verify',
      variant: 'primary',
      description:
        'Marks the agent as reviewed and trusted. Record what you checked: it is kept with the evidence shown on this page.',
    },
    suspend,
    block,
  ],
  verified: [suspend, block],
  suspended: [reinstate, block],
  blocked: [reinstate],
};

/** The status changes an owner or admin may make from here; the outcome stays shown after. */
export function VerificationActions({
  agentId,
  name,
  status,
}: {
  agentId: string;
  name: string;
  status: VerificationStatus;
}) {
  const [outcome, setOutcome] = useState<ActionResult<unknown> | null>(null);
  const act = async (previous: ActionResult<unknown> | null, formData: FormData) => {
    const result = await changeAgentStatusAction(previous, formData);
    if (result.ok) setOutcome(result);
    return result;
  };
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {moves[status].map((move) => (
          <ConfirmAction
            key={`${status}-${move.to}`}
            action={act}
            fields={{ agentId, status: move.to }}
            label={move.label}
            title={`${move.label} “${name}”?`}
            description={move.description}
            confirmLabel={move.label}
            variant={move.variant}
          />
        ))}
      </div>
      <div className="max-w-md" data-testid="agent-status-outcome">
        <FormMessage state={outcome} />
      </div>
    </div>
  );
}
