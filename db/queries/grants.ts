import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, consents, subjects, tokens } from '../schema';

export async function listRecentConsents(db: Executor, orgId: string, limit = 100) {
  return db
    .select({
      id: consents.id,
      agentName: agents.clientName,
      clientId: agents.clientId,
      sub: subjects.sub,
      subjectName: subjects.name,
      resource: consents.resource,
      scopes: consents.scopes,
      status: consents.status,
      grantedAt: consents.grantedAt,
      lastUsedAt: consents.lastUsedAt,
    })
    .from(consents)
    .innerJoin(agents, eq(agents.id, consents.agentId))
    .innerJoin(subjects, eq(subjects.id, consents.subjectId))
    .where(eq(consents.orgId, orgId))
    .orderBy(desc(consents.grantedAt))
    .limit(limit);
}

export async function listRecentTokens(db: Executor, orgId: string, limit = 100) {
  return db
    .select({
      id: tokens.id,
      tokenRef: tokens.tokenRef,
      tokenType: tokens.tokenType,
      agentName: agents.clientName,
      clientId: agents.clientId,
      sub: subjects.sub,
      familyId: tokens.familyId,
      scopes: tokens.scopes,
      issuedAt: tokens.issuedAt,
      expiresAt: tokens.expiresAt,
      revokedAt: tokens.revokedAt,
      revocationReason: tokens.revocationReason,
    })
    .from(tokens)
    .leftJoin(agents, eq(agents.id, tokens.agentId))
    .leftJoin(subjects, eq(subjects.id, tokens.subjectId))
    .where(eq(tokens.orgId, orgId))
    .orderBy(desc(sql`coalesce(${tokens.issuedAt}, ${tokens.createdAt})`))
    .limit(limit);
}

export async function countConsents(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(consents)
    .where(eq(consents.orgId, orgId));
  return row?.n ?? 0;
}

export async function countTokens(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tokens)
    .where(eq(tokens.orgId, orgId));
  return row?.n ?? 0;
}
