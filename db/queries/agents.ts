import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents } from '../schema';

export async function listRecentAgents(db: Executor, orgId: string, limit = 100) {
  return db
    .select({
      id: agents.id,
      clientId: agents.clientId,
      clientName: agents.clientName,
      issuer: agents.issuer,
      logoUri: agents.logoUri,
      registrationMethod: agents.registrationMethod,
      clientType: agents.clientType,
      verificationStatus: agents.verificationStatus,
      redirectUris: agents.redirectUris,
      registeredAt: agents.registeredAt,
      lastSeenAt: agents.lastSeenAt,
      lastUsedAt: agents.lastUsedAt,
      denialCount: agents.denialCount,
      reuseDetectedAt: agents.reuseDetectedAt,
      passthroughDetectedAt: agents.passthroughDetectedAt,
    })
    .from(agents)
    .where(and(eq(agents.orgId, orgId), isNull(agents.deletedAt)))
    .orderBy(desc(sql`coalesce(${agents.lastSeenAt}, ${agents.createdAt})`))
    .limit(limit);
}

export async function countAgents(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(agents)
    .where(and(eq(agents.orgId, orgId), isNull(agents.deletedAt)));
  return row?.n ?? 0;
}
