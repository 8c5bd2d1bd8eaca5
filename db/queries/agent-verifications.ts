import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { adminApiTokens, agents, agentVerifications, consoleUsers } from '../schema';
import type { ActorType, VerificationStatus } from '../schema/values';

/** The agent, locked until the transaction ends, so two status changes never interleave. */
export async function lockAgent(db: Executor, orgId: string, agentId: string) {
  const [row] = await db
    .select()
    .from(agents)
    .where(and(eq(agents.orgId, orgId), eq(agents.id, agentId)))
    .for('update');
  return row ?? null;
}

export async function setAgentVerificationStatus(
  db: Executor,
  orgId: string,
  agentId: string,
  change: { status: VerificationStatus; at: Date; notBefore?: Date },
) {
  const [row] = await db
    .update(agents)
    .set({
      verificationStatus: change.status,
      statusChangedAt: change.at,
      ...(change.notBefore ? { notBefore: change.notBefore } : {}),
    })
    .where(and(eq(agents.orgId, orgId), eq(agents.id, agentId)))
    .returning();
  return row!;
}

export async function insertAgentVerification(
  db: Executor,
  orgId: string,
  row: {
    agentId: string;
    fromStatus: VerificationStatus | null;
    toStatus: VerificationStatus;
    reason: string | null;
    evidence: unknown;
    actorType: ActorType;
    actorId: string | null;
    at: Date;
  },
) {
  const [inserted] = await db
    .insert(agentVerifications)
    .values({
      orgId,
      agentId: row.agentId,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      reason: row.reason,
      evidence: row.evidence,
      actorType: row.actorType,
      actorId: row.actorId,
      createdAt: row.at,
    })
    .returning();
  return inserted!;
}

/** An agent's status history, newest first, naming the console user or API token that acted. */
export async function listAgentVerifications(
  db: Executor,
  orgId: string,
  agentId: string,
  limit = 50,
) {
  return db
    .select({
      id: agentVerifications.id,
      fromStatus: agentVerifications.fromStatus,
      toStatus: agentVerifications.toStatus,
      reason: agentVerifications.reason,
      evidence: agentVerifications.evidence,
      actorType: agentVerifications.actorType,
      actorId: agentVerifications.actorId,
      actorLabel: sql<
        string | null
      >`coalesce(${consoleUsers.email}, 'API token ' || ${adminApiTokens.name})`,
      createdAt: agentVerifications.createdAt,
    })
    .from(agentVerifications)
    .leftJoin(
      consoleUsers,
      and(
        eq(consoleUsers.orgId, orgId),
        sql`${consoleUsers.id}::text = ${agentVerifications.actorId}`,
      ),
    )
    .leftJoin(
      adminApiTokens,
      and(
        eq(adminApiTokens.orgId, orgId),
        sql`${adminApiTokens.id}::text = ${agentVerifications.actorId}`,
      ),
    )
    .where(and(eq(agentVerifications.orgId, orgId), eq(agentVerifications.agentId, agentId)))
    .orderBy(desc(agentVerifications.createdAt), desc(agentVerifications.id))
    .limit(limit);
}
