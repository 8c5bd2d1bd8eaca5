import { and, asc, desc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { agentMetadataChanges, agents, consents, subjects, tokens, toolUsage } from '../schema';
import { IDLE_DAYS, timestamp } from './agents';
import { consentAgentJoin, consentStateSql } from './consents';
import { agentCoverage, refusedBySql } from './refusals';
import { tokenStateSql, tokenSubjectJoin } from './tokens';

/** What the agent page and `GET /api/v1/agents/{id}` read about one agent, each org-scoped. */

export async function getAgent(db: Executor, orgId: string, agentId: string, now = new Date()) {
  const [row] = await db
    .select({ agent: agents, refusedBy: refusedBySql(agentCoverage(orgId, now)) })
    .from(agents)
    .where(and(eq(agents.orgId, orgId), eq(agents.id, agentId)));
  return row ? { ...row.agent, refusedBy: row.refusedBy } : null;
}

export async function listAgentMetadataChanges(
  db: Executor,
  orgId: string,
  agentId: string,
  limit = 50,
) {
  return db
    .select({
      id: agentMetadataChanges.id,
      occurredAt: agentMetadataChanges.occurredAt,
      kind: agentMetadataChanges.kind,
      method: agentMetadataChanges.method,
      changes: agentMetadataChanges.changes,
    })
    .from(agentMetadataChanges)
    .where(and(eq(agentMetadataChanges.orgId, orgId), eq(agentMetadataChanges.agentId, agentId)))
    .orderBy(desc(agentMetadataChanges.occurredAt), desc(agentMetadataChanges.id))
    .limit(limit);
}

/** The other registrations of the same client, newest first. */
export async function listFamilyInstances(
  db: Executor,
  orgId: string,
  agent: { id: string; familyKey: string | null },
  now = new Date(),
  limit = 50,
) {
  if (!agent.familyKey) return [];
  const idleSince = new Date(now.getTime() - IDLE_DAYS * 86_400_000);
  return db
    .select({
      id: agents.id,
      clientId: agents.clientId,
      clientName: agents.clientName,
      verificationStatus: agents.verificationStatus,
      softwareVersion: agents.softwareVersion,
      registeredAt: agents.registeredAt,
      lastSeenAt: agents.lastSeenAt,
      deletedAt: agents.deletedAt,
      idle: sql<boolean>`coalesce(${agents.lastSeenAt}, ${agents.registeredAt}, ${agents.createdAt}) < ${timestamp(idleSince)}`,
    })
    .from(agents)
    .where(
      and(eq(agents.orgId, orgId), eq(agents.familyKey, agent.familyKey), ne(agents.id, agent.id)),
    )
    .orderBy(desc(sql`coalesce(${agents.registeredAt}, ${agents.createdAt})`), desc(agents.id))
    .limit(limit);
}

/** Consents by user: active first, then the newest. */
export async function listAgentConsents(
  db: Executor,
  orgId: string,
  agentId: string,
  now = new Date(),
  limit = 50,
) {
  const status = consentStateSql(orgId, now);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: consents.id,
        sub: subjects.sub,
        subjectName: subjects.name,
        subjectEmail: subjects.email,
        resource: consents.resource,
        scopes: consents.scopes,
        status,
        grantedAt: consents.grantedAt,
        expiresAt: consents.expiresAt,
        revokedAt: consents.revokedAt,
        lastUsedAt: consents.lastUsedAt,
      })
      .from(consents)
      .innerJoin(agents, consentAgentJoin)
      .innerJoin(subjects, eq(subjects.id, consents.subjectId))
      .where(and(eq(consents.orgId, orgId), eq(consents.agentId, agentId)))
      .orderBy(sql`(${status}) = 'active' desc`, desc(consents.grantedAt), desc(consents.id))
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(consents)
      .where(and(eq(consents.orgId, orgId), eq(consents.agentId, agentId))),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/**
 * Scopes granted by the agent's active consents next to the scopes its tool calls relied on
 * (tool_usage.scope): a granted scope no call used is more access than the agent needs.
 */
export async function getScopeUsage(
  db: Executor,
  orgId: string,
  agentId: string,
  now = new Date(),
) {
  const scope = sql<string>`unnest(${consents.scopes})`;
  const [granted, used] = await Promise.all([
    db
      .select({ scope: scope.as('scope'), consents: sql<number>`count(*)::int`.mapWith(Number) })
      .from(consents)
      .where(
        and(
          eq(consents.orgId, orgId),
          eq(consents.agentId, agentId),
          eq(consents.status, 'active'),
          or(isNull(consents.expiresAt), gt(consents.expiresAt, now)),
        ),
      )
      .groupBy(sql`1`)
      .orderBy(asc(sql`1`)),
    db
      .select({
        scope: toolUsage.scope,
        calls: sql<number>`sum(${toolUsage.okCount} + ${toolUsage.errorCount})::int`.mapWith(
          Number,
        ),
        denied: sql<number>`sum(${toolUsage.deniedCount})::int`.mapWith(Number),
        tools: sql<string[]>`array_agg(distinct ${toolUsage.tool} order by ${toolUsage.tool})`,
        lastUsedAt: sql<Date | null>`max(${toolUsage.lastUsedAt})`.mapWith(toolUsage.lastUsedAt),
      })
      .from(toolUsage)
      .where(
        and(eq(toolUsage.orgId, orgId), eq(toolUsage.agentId, agentId), ne(toolUsage.scope, '')),
      )
      .groupBy(toolUsage.scope)
      .orderBy(asc(toolUsage.scope)),
  ]);
  return { granted, used };
}

/** Token counts by state (refused ones are not active) and the newest few tokens. */
export async function getAgentTokens(
  db: Executor,
  orgId: string,
  agentId: string,
  now = new Date(),
  limit = 5,
) {
  const status = tokenStateSql(orgId, now);
  const [counts, latest] = await Promise.all([
    db
      .select({ status, n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(tokens)
      .innerJoin(agents, eq(agents.id, tokens.agentId))
      .leftJoin(subjects, tokenSubjectJoin)
      .where(and(eq(tokens.orgId, orgId), eq(tokens.agentId, agentId)))
      .groupBy(sql`1`),
    db
      .select({
        id: tokens.id,
        tokenRef: tokens.tokenRef,
        tokenType: tokens.tokenType,
        sub: subjects.sub,
        scopes: tokens.scopes,
        status,
        issuedAt: tokens.issuedAt,
        expiresAt: tokens.expiresAt,
        revokedAt: tokens.revokedAt,
        lastUsedAt: tokens.lastUsedAt,
      })
      .from(tokens)
      .innerJoin(agents, eq(agents.id, tokens.agentId))
      .leftJoin(subjects, tokenSubjectJoin)
      .where(and(eq(tokens.orgId, orgId), eq(tokens.agentId, agentId)))
      .orderBy(desc(sql`coalesce(${tokens.issuedAt}, ${tokens.createdAt})`), desc(tokens.id))
      .limit(limit),
  ]);
  const count = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  return {
    counts: {
      active: count('active'),
      refused: count('refused'),
      expired: count('expired'),
      revoked: count('revoked'),
    },
    latest,
  };
}

/**
 * The names of the org's other agents, one agent per name, verified ones first: the names a
 * lookalike could be imitating. Capped, so an org flooded with registrations costs a bounded read.
 */
export async function listOtherAgentNames(
  db: Executor,
  orgId: string,
  agentId: string,
  limit = 5_000,
) {
  return db
    .selectDistinctOn([agents.clientName], {
      name: sql<string>`${agents.clientName}`,
      agentId: agents.id,
      verified: sql<boolean>`${agents.verificationStatus} = 'verified'`,
      since: sql<Date>`coalesce(${agents.registeredAt}, ${agents.createdAt})`.mapWith(
        (v: string | Date) => new Date(v),
      ),
    })
    .from(agents)
    .where(
      and(eq(agents.orgId, orgId), ne(agents.id, agentId), sql`${agents.clientName} is not null`),
    )
    .orderBy(
      agents.clientName,
      desc(sql`${agents.verificationStatus} = 'verified'`),
      desc(agents.lastSeenAt),
    )
    .limit(limit);
}
