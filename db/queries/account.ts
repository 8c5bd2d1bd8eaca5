import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, consents, scopeCatalog, subjects } from '../schema';

/**
 * The active consents of one end user, found by their own (issuer, sub) and never by an id from a
 * URL, so nobody can reach another person's consents through this query.
 */
export async function listMyActiveConsents(
  db: Executor,
  orgId: string,
  issuer: string,
  sub: string,
) {
  const rows = await db
    .select({
      id: consents.id,
      scopes: consents.scopes,
      resource: consents.resource,
      grantedAt: consents.grantedAt,
      lastUsedAt: consents.lastUsedAt,
      agentName: agents.clientName,
      clientId: agents.clientId,
      logoUri: agents.logoUri,
      verificationStatus: agents.verificationStatus,
      redirectUris: agents.redirectUris,
    })
    .from(consents)
    .innerJoin(subjects, eq(subjects.id, consents.subjectId))
    .innerJoin(agents, eq(agents.id, consents.agentId))
    .where(
      and(
        eq(consents.orgId, orgId),
        eq(subjects.orgId, orgId),
        eq(subjects.issuer, issuer),
        eq(subjects.sub, sub),
        eq(consents.status, 'active'),
      ),
    )
    .orderBy(desc(consents.grantedAt));
  const scopes = [...new Set(rows.flatMap((r) => r.scopes))];
  const described = scopes.length
    ? await db
        .select({ scope: scopeCatalog.scope, description: scopeCatalog.description })
        .from(scopeCatalog)
        .where(and(eq(scopeCatalog.orgId, orgId), inArray(scopeCatalog.scope, scopes)))
    : [];
  const descriptions = new Map(
    described.filter((d) => d.description).map((d) => [d.scope, d.description!]),
  );
  return rows.map((r) => ({
    ...r,
    permissions: r.scopes.map((scope) => ({ scope, text: descriptions.get(scope) ?? scope })),
  }));
}
