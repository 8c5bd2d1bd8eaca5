import { and, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, auditEvents, consents, sources, tokens } from '../schema';

/** The overview's headline counts for one org. */
export async function getOverviewCounts(db: Executor, orgId: string, now = new Date()) {
  const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000);
  const [agentRows, [consentRow], [tokenRow], [eventRow], [sourceRow]] = await Promise.all([
    db
      .select({ status: agents.verificationStatus, n: sql<number>`count(*)::int` })
      .from(agents)
      .where(and(eq(agents.orgId, orgId), isNull(agents.deletedAt)))
      .groupBy(agents.verificationStatus),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(consents)
      .where(and(eq(consents.orgId, orgId), eq(consents.status, 'active'))),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(tokens)
      .where(and(eq(tokens.orgId, orgId), isNull(tokens.revokedAt), gt(tokens.expiresAt, now))),
    db
      .select({
        events: sql<number>`count(*)::int`,
        denials: sql<number>`(count(*) filter (where ${auditEvents.type} in ('authorization.denied', 'tool.denied', 'token.rejected')))::int`,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), gte(auditEvents.occurredAt, dayAgo))),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(sources)
      .where(eq(sources.orgId, orgId)),
  ]);
  const byStatus = Object.fromEntries(agentRows.map((r) => [r.status, r.n])) as Record<
    string,
    number
  >;
  return {
    agents: agentRows.reduce((sum, r) => sum + r.n, 0),
    agentsPending: byStatus.pending ?? 0,
    agentsVerified: byStatus.verified ?? 0,
    agentsSuspended: (byStatus.suspended ?? 0) + (byStatus.blocked ?? 0),
    activeConsents: consentRow?.n ?? 0,
    activeTokens: tokenRow?.n ?? 0,
    events24h: eventRow?.events ?? 0,
    denials24h: eventRow?.denials ?? 0,
    sources: sourceRow?.n ?? 0,
  };
}
