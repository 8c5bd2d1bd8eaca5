import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, subjects, tokens } from '../schema';
import { issuedOrSeen, tokenAgentJoin, tokenStateSql, tokenSubjectJoin } from './tokens';

/** The tokens around one token or consent: its refresh family, a consent's tokens. */

export const FAMILY_LIMIT = 500;

/** The tokens of a refresh family, oldest first, for its tree (at most FAMILY_LIMIT). */
export async function listFamily(db: Executor, orgId: string, familyId: string, now = new Date()) {
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: tokens.id,
        tokenRef: tokens.tokenRef,
        tokenType: tokens.tokenType,
        parentRef: tokens.parentRef,
        state: tokenStateSql(orgId, now),
        issuedAt: tokens.issuedAt,
        expiresAt: tokens.expiresAt,
        revokedAt: tokens.revokedAt,
        revokedBy: tokens.revokedBy,
      })
      .from(tokens)
      .leftJoin(agents, tokenAgentJoin)
      .leftJoin(subjects, tokenSubjectJoin)
      .where(and(eq(tokens.orgId, orgId), eq(tokens.familyId, familyId)))
      .orderBy(issuedOrSeen, tokens.tokenRef)
      .limit(FAMILY_LIMIT),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(tokens)
      .where(and(eq(tokens.orgId, orgId), eq(tokens.familyId, familyId))),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export type FamilyToken = Awaited<ReturnType<typeof listFamily>>['rows'][number];

/** The tokens linked to a consent, newest first. */
export async function listConsentTokens(
  db: Executor,
  orgId: string,
  consentId: string,
  limit = 50,
  now = new Date(),
) {
  const where = and(eq(tokens.orgId, orgId), eq(tokens.consentId, consentId));
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: tokens.id,
        tokenRef: tokens.tokenRef,
        tokenType: tokens.tokenType,
        familyId: tokens.familyId,
        state: tokenStateSql(orgId, now),
        issuedAt: tokens.issuedAt,
        expiresAt: tokens.expiresAt,
      })
      .from(tokens)
      .leftJoin(agents, tokenAgentJoin)
      .leftJoin(subjects, tokenSubjectJoin)
      .where(where)
      .orderBy(sql`${issuedOrSeen} desc`, desc(tokens.id))
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(tokens)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}
