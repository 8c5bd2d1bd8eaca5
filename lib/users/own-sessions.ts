import type { Db } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import {
  endSession,
  endSessionsOfUser,
  listLiveSessionsOfUser,
  type SessionListItem,
} from '@/db/queries/console-sessions';
import { adminAuditFields, type AuditActor } from '@/lib/audit/actor';
import { describeUserAgent } from '@/lib/auth/device-label';
import type { SessionLimits } from '@/lib/config/env';
import { ExpectedError } from '@/lib/errors';

export type OwnSession = SessionListItem & { device: string; current: boolean };

/** A person's live sessions for Settings → Sessions, the one they are using first. */
export async function listOwnSessions(
  db: Db,
  actor: AuditActor,
  currentId: string | null,
  limits: SessionLimits,
  now = new Date(),
): Promise<OwnSession[]> {
  const rows = await listLiveSessionsOfUser(db, actor.orgId, actor.id, {
    now,
    idleSince: new Date(now.getTime() - limits.idleTimeoutSeconds * 1000),
  });
  return rows
    .map((r) => ({ ...r, device: describeUserAgent(r.userAgent), current: r.id === currentId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Signs one of the person's own sessions out. Another user's session id is simply not found. */
export async function endOwnSession(
  db: Db,
  actor: AuditActor,
  input: { sessionId: string; currentId: string | null },
): Promise<void> {
  if (input.sessionId === input.currentId) {
    throw new ExpectedError(
      'conflict',
      'This is the session you are using; sign out from the menu instead.',
    );
  }
  await db.transaction(async (tx) => {
    const ended = await endSession(tx, actor.orgId, input.sessionId, 'ended_by_user', {
      userId: actor.id,
    });
    if (!ended) throw new ExpectedError('conflict', 'That session has already ended.');
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'session.ended',
      summary: `${actor.email} signed out one of their other sessions`,
      data: { sessionId: input.sessionId, userId: actor.id },
    });
  });
}

/** "Sign out everywhere else": every session of the person but the one they are using. */
export async function endOtherOwnSessions(
  db: Db,
  actor: AuditActor,
  currentId: string | null,
): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await endSessionsOfUser(tx, actor.orgId, actor.id, 'ended_by_user', {
      exceptId: currentId,
    });
    if (ended === 0) throw new ExpectedError('conflict', 'You are signed in nowhere else.');
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'user.sessions_ended',
      summary: `${actor.email} signed out everywhere else (${ended} ${ended === 1 ? 'session' : 'sessions'})`,
      data: { userId: actor.id, sessionsEnded: ended, kept: currentId },
    });
    return ended;
  });
}
