import { and, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { consoleSessions } from '../schema';

export type SessionKind = 'console' | 'end_user';

export type NewSessionInput = {
  kind: SessionKind;
  userId?: string | null;
  issuer?: string | null;
  sub?: string | null;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  expiresAt: Date;
};

export async function insertSession(
  db: Executor,
  orgId: string,
  input: NewSessionInput,
): Promise<string> {
  const [row] = await db
    .insert(consoleSessions)
    .values({
      orgId,
      kind: input.kind,
      userId: input.userId ?? null,
      issuer: input.issuer ?? null,
      sub: input.sub ?? null,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
      ip: input.ip,
      createdAt: input.createdAt,
      lastSeenAt: input.createdAt,
      expiresAt: input.expiresAt,
    })
    .returning({ id: consoleSessions.id });
  return row!.id;
}

/** What a request's check needs to know about its session. */
export type SessionState = {
  id: string;
  kind: string;
  userId: string | null;
  sub: string | null;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
};

export async function getSessionState(
  db: Executor,
  orgId: string,
  sessionId: string,
): Promise<SessionState | null> {
  const [row] = await db
    .select({
      id: consoleSessions.id,
      kind: consoleSessions.kind,
      userId: consoleSessions.userId,
      sub: consoleSessions.sub,
      lastSeenAt: consoleSessions.lastSeenAt,
      expiresAt: consoleSessions.expiresAt,
      endedAt: consoleSessions.endedAt,
    })
    .from(consoleSessions)
    .where(and(eq(consoleSessions.orgId, orgId), eq(consoleSessions.id, sessionId)));
  return row ?? null;
}

/** Moves last_seen_at forward unless another request already did within the last minute. */
export async function touchSession(
  db: Executor,
  orgId: string,
  sessionId: string,
  now: Date,
): Promise<void> {
  await db
    .update(consoleSessions)
    .set({ lastSeenAt: now })
    .where(
      and(
        eq(consoleSessions.orgId, orgId),
        eq(consoleSessions.id, sessionId),
        lt(consoleSessions.lastSeenAt, new Date(now.getTime() - 60_000)),
      ),
    );
}

/**
 * Ends one live session; `userId` keeps a person to their own. Returns whether it was live, so
 * the caller audits an end once however many requests race to it.
 */
export async function endSession(
  db: Executor,
  orgId: string,
  sessionId: string,
  reason: string,
  options: { userId?: string; now?: Date } = {},
): Promise<boolean> {
  const rows = await db
    .update(consoleSessions)
    .set({ endedAt: options.now ?? new Date(), endReason: reason })
    .where(
      and(
        eq(consoleSessions.orgId, orgId),
        eq(consoleSessions.id, sessionId),
        isNull(consoleSessions.endedAt),
        options.userId ? eq(consoleSessions.userId, options.userId) : undefined,
      ),
    )
    .returning({ id: consoleSessions.id });
  return rows.length > 0;
}

/** Ends every live session of a console user, but `exceptId`; returns how many were ended. */
export async function endSessionsOfUser(
  db: Executor,
  orgId: string,
  userId: string,
  reason: string,
  options: { exceptId?: string | null; now?: Date } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const rows = await db
    .update(consoleSessions)
    .set({ endedAt: now, endReason: reason })
    .where(
      and(
        eq(consoleSessions.orgId, orgId),
        eq(consoleSessions.userId, userId),
        isNull(consoleSessions.endedAt),
        // already past their absolute end: nothing left to end
        gt(consoleSessions.expiresAt, now),
        options.exceptId ? ne(consoleSessions.id, options.exceptId) : undefined,
      ),
    )
    .returning({ id: consoleSessions.id });
  return rows.length;
}

/** A session as its owner sees it in Settings. */
export type SessionListItem = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
};

/** A console user's live sessions (not ended, not past either limit), most recent use first. */
export async function listLiveSessionsOfUser(
  db: Executor,
  orgId: string,
  userId: string,
  limits: { now: Date; idleSince: Date },
): Promise<SessionListItem[]> {
  return db
    .select({
      id: consoleSessions.id,
      createdAt: consoleSessions.createdAt,
      lastSeenAt: consoleSessions.lastSeenAt,
      expiresAt: consoleSessions.expiresAt,
      userAgent: consoleSessions.userAgent,
      ip: consoleSessions.ip,
    })
    .from(consoleSessions)
    .where(
      and(
        eq(consoleSessions.orgId, orgId),
        eq(consoleSessions.userId, userId),
        isNull(consoleSessions.endedAt),
        gt(consoleSessions.expiresAt, limits.now),
        gt(consoleSessions.lastSeenAt, limits.idleSince),
      ),
    )
    .orderBy(desc(consoleSessions.lastSeenAt))
    .limit(200);
}

/** How many live sessions each console user of the org has, for Settings → Users. */
export async function countLiveSessionsByUser(
  db: Executor,
  orgId: string,
  limits: { now: Date; idleSince: Date },
): Promise<Map<string, number>> {
  const rows = await db
    .select({ userId: consoleSessions.userId, n: sql<number>`count(*)::int` })
    .from(consoleSessions)
    .where(
      and(
        eq(consoleSessions.orgId, orgId),
        isNull(consoleSessions.endedAt),
        gt(consoleSessions.expiresAt, limits.now),
        gt(consoleSessions.lastSeenAt, limits.idleSince),
      ),
    )
    .groupBy(consoleSessions.userId);
  return new Map(rows.flatMap((r) => (r.userId ? [[r.userId, Number(r.n)] as const] : [])));
}

/**
 * Deletes sessions that ended, or reached their absolute end, before `before`: no list shows
 * them and no cookie can name them any more, and the audit trail keeps how each ended. Returns how
 * many went.
 */
export async function pruneSessions(db: Executor, before: Date): Promise<number> {
  const rows = await db
    .delete(consoleSessions)
    .where(
      sql`(${consoleSessions.endedAt} is not null and ${consoleSessions.endedAt} < ${before.toISOString()}::timestamptz)
        or ${consoleSessions.expiresAt} < ${before.toISOString()}::timestamptz`,
    )
    .returning({ id: consoleSessions.id });
  return rows.length;
}
