import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, consents, subjects, tokenFamilyRevocations, tokens } from '../schema';
import { at } from './consents';
import { textArray } from './ingestion/bulk';

/** The lock and the reads around a revocation that lib/grant-state's replay does not make. */

/**
 * Serializes with ingestion (db/queries/ingestion/events.ts takes the same lock): the consent and
 * token replays read state, fold a change in and write it back, so an admin's revocation and an
 * ingested batch of the same org must not interleave.
 */
export async function lockOrgState(tx: Executor, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ingest:${orgId}`}, 0))`);
}

/** Active consents between an agent and a subject other than `exceptId`. */
export async function countOtherActiveConsents(
  tx: Executor,
  orgId: string,
  pair: { agentId: string; subjectId: string; exceptId: string },
  now: Date,
): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(consents)
    .where(
      and(
        eq(consents.orgId, orgId),
        eq(consents.agentId, pair.agentId),
        eq(consents.subjectId, pair.subjectId),
        sql`${consents.id} <> ${pair.exceptId}::uuid`,
        eq(consents.status, 'active'),
        sql`(${consents.expiresAt} is null or ${consents.expiresAt} > ${at(now)})`,
      ),
    );
  return row?.n ?? 0;
}

export type LiveToken = { tokenRef: string; familyId: string | null };

/**
 * The consent's tokens that still work (not ended, not expired); with `carrying`, only those
 * holding one of those scopes.
 */
export async function listLiveConsentTokens(
  tx: Executor,
  orgId: string,
  consent: { id: string; key: string },
  now: Date,
  carrying: readonly string[] | null = null,
): Promise<LiveToken[]> {
  return tx
    .select({ tokenRef: tokens.tokenRef, familyId: tokens.familyId })
    .from(tokens)
    .where(
      and(
        eq(tokens.orgId, orgId),
        // A token issued before its consent arrived carries the key until the link is made.
        sql`(${tokens.consentId} = ${consent.id}::uuid or ${tokens.consentKey} = ${consent.key})`,
        sql`${tokens.revokedAt} is null`,
        sql`(${tokens.expiresAt} is null or ${tokens.expiresAt} > ${at(now)})`,
        carrying ? sql`${tokens.scopes} && ${textArray(carrying)}` : undefined,
      ),
    )
    .orderBy(tokens.tokenRef);
}

export async function getFamilyRevocation(tx: Executor, orgId: string, familyId: string) {
  const [row] = await tx
    .select({ revokedAt: tokenFamilyRevocations.revokedAt, reason: tokenFamilyRevocations.reason })
    .from(tokenFamilyRevocations)
    .where(
      and(eq(tokenFamilyRevocations.orgId, orgId), eq(tokenFamilyRevocations.familyId, familyId)),
    );
  return row ?? null;
}

/**
 * What an ingested consent.revoked of an agent–subject pair ended, read after the projections
 * applied it: whether the pair keeps an active consent, whether one of its consents ended at
 * `at`, and the live-until-then tokens it ended (their end is the revocation's time).
 */
export async function readPairEnd(
  tx: Executor,
  orgId: string,
  pair: { agentId: string; subjectId: string; at: Date },
  now: Date,
) {
  const [counts] = await tx
    .select({
      active: sql<number>`count(*) filter (where ${consents.status} = 'active'
        and (${consents.expiresAt} is null or ${consents.expiresAt} > ${at(now)}))::int`,
      endedNow: sql<number>`count(*) filter (where ${consents.status} = 'revoked'
        and ${consents.revokedAt} = ${at(pair.at)})::int`,
    })
    .from(consents)
    .where(
      and(
        eq(consents.orgId, orgId),
        eq(consents.agentId, pair.agentId),
        eq(consents.subjectId, pair.subjectId),
      ),
    );
  const ended: LiveToken[] = await tx
    .select({ tokenRef: tokens.tokenRef, familyId: tokens.familyId })
    .from(tokens)
    .where(
      and(
        eq(tokens.orgId, orgId),
        eq(tokens.agentId, pair.agentId),
        eq(tokens.subjectId, pair.subjectId),
        eq(tokens.revokedBy, 'consent'),
        sql`${tokens.revokedAt} = ${at(pair.at)}`,
        sql`(${tokens.expiresAt} is null or ${tokens.expiresAt} > ${at(now)})`,
      ),
    )
    .orderBy(tokens.tokenRef);
  return { activeConsents: counts?.active ?? 0, consentEnded: (counts?.endedNow ?? 0) > 0, ended };
}

/** When each agent was deleted, if it still is (a newer registration clears it). */
export async function readAgentDeletions(tx: Executor, orgId: string, agentIds: string[]) {
  if (agentIds.length === 0) return new Map<string, Date | null>();
  const rows = await tx
    .select({ id: agents.id, deletedAt: agents.deletedAt })
    .from(agents)
    .where(and(eq(agents.orgId, orgId), inArray(agents.id, agentIds)));
  return new Map(rows.map((r) => [r.id, r.deletedAt]));
}

/** An end user known to the org, with the ids of their active consents (oldest first). */
export async function findSubjectWithConsents(
  tx: Executor,
  orgId: string,
  key: { issuer: string; sub: string },
) {
  const [subject] = await tx
    .select({ id: subjects.id, name: subjects.name, email: subjects.email })
    .from(subjects)
    .where(
      and(eq(subjects.orgId, orgId), eq(subjects.issuer, key.issuer), eq(subjects.sub, key.sub)),
    );
  if (!subject) return null;
  const rows = await tx
    .select({ id: consents.id })
    .from(consents)
    .where(
      and(
        eq(consents.orgId, orgId),
        eq(consents.subjectId, subject.id),
        eq(consents.status, 'active'),
      ),
    )
    .orderBy(consents.grantedAt);
  return { ...subject, consentIds: rows.map((r) => r.id) };
}
