import type { Db } from '@/db/client';
import {
  insertAgentVerification,
  lockAgent,
  setAgentVerificationStatus,
} from '@/db/queries/agent-verifications';
import { insertAuditEvent } from '@/lib/audit/record';
import type { Agent } from '@/db/schema';
import { adminAuditFields, type AuditActor } from '@/lib/audit/actor';
import type { VerificationStatus } from '@/lib/constants';
import { ExpectedError } from '@/lib/errors';
import { insertEntries } from '@/lib/grant-state/entries';
import { agentChecks } from './checks';
import { imitatedAgent } from './detail';

/** Statuses that stop every token of the agent. */
const revoking = new Set<VerificationStatus>(['suspended', 'blocked']);

export type VerificationChange = {
  agent: Agent;
  from: VerificationStatus;
  to: VerificationStatus;
  /** the agent revocation entry made, when the change makes one */
  revocationSeq: string | null;
};

/** The audit type of a change: what an admin would call it. */
export function verificationAuditType(from: VerificationStatus, to: VerificationStatus) {
  if (to === 'suspended' || to === 'blocked') return `agent.${to}` as const;
  if (revoking.has(from)) return 'agent.reinstated';
  return to === 'verified' ? 'agent.verified' : 'agent.unverified';
}

const verbs: Record<string, string> = {
  'agent.verified': 'verified',
  'agent.unverified': 'returned to pending',
  'agent.suspended': 'suspended',
  'agent.blocked': 'blocked',
  'agent.reinstated': 'reinstated',
};

/**
 * Changes an agent's verification status, in one transaction with everything it implies: the
 * status history row with the evidence as it stood, the audit event with the reason, and the
 * `agent` revocation entry of shared/spec/revocation.md when the agent is suspended or blocked
 * (every token refused) or reinstated (a `not_before`: tokens issued from now on are fine).
 * Asking for the status it already has changes nothing and is refused.
 */
export async function changeAgentVerification(
  db: Db,
  actor: AuditActor,
  input: { agentId: string; status: VerificationStatus; reason: string },
): Promise<VerificationChange> {
  return db.transaction(async (tx) => {
    const before = await lockAgent(tx, actor.orgId, input.agentId);
    if (!before)
      throw new ExpectedError('not_found', 'That agent does not exist in your organization.');
    const from = before.verificationStatus;
    const to = input.status;
    const name = before.clientName ?? before.clientId;
    if (from === to)
      throw new ExpectedError('conflict', `“${name}” is already ${to}; nothing was changed.`);

    const now = new Date();
    const reinstated = revoking.has(from) && !revoking.has(to);
    const agent = await setAgentVerificationStatus(tx, actor.orgId, before.id, {
      status: to,
      at: now,
      ...(reinstated ? { notBefore: now } : {}),
    });
    const evidence = agentChecks(before, await imitatedAgent(tx, actor.orgId, before));
    await insertAgentVerification(tx, actor.orgId, {
      agentId: before.id,
      fromStatus: from,
      toStatus: to,
      reason: input.reason,
      evidence,
      actorType: 'admin',
      actorId: actor.id,
      at: now,
    });

    let revocationSeq: string | null = null;
    if (revoking.has(to) || reinstated) {
      // The same insertion as every other revocation by a person (lib/grant-state).
      const [entry] = await insertEntries(
        tx,
        actor.orgId,
        actor,
        [
          {
            kind: 'agent',
            issuer: before.issuer,
            clientId: before.clientId,
            notBefore: reinstated ? now : null,
          },
        ],
        { revokedAt: now, reason: input.reason },
      );
      revocationSeq = entry!.seq.toString();
    }

    const type = verificationAuditType(from, to);
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      occurredAt: now,
      type,
      agentId: before.id,
      issuer: before.issuer,
      clientId: before.clientId,
      reason: input.reason,
      summary: `${actor.email} ${verbs[type]} ${name}${reinstated ? ` as ${to}` : ''}`,
      data: {
        agentId: before.id,
        before: { verification_status: from, not_before: before.notBefore?.toISOString() ?? null },
        after: { verification_status: to, not_before: agent.notBefore?.toISOString() ?? null },
        revocation_seq: revocationSeq,
      },
    });
    return { agent, from, to, revocationSeq };
  });
}
