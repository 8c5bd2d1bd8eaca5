import type { Db } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { endSessionsOfUser } from '@/db/queries/console-sessions';
import { getPasswordHash, updateConsoleUser } from '@/db/queries/console-users';
import { hitRateLimit, resetRateLimit } from '@/db/queries/rate-limits';
import { adminAuditFields, type AuditActor } from '@/lib/audit/actor';
import { hashPassword, verifyPassword } from '@/lib/crypto/password';

/** Tries at the current password per user in one window, as sign-in limits guesses per email. */
export const PASSWORD_CHANGE_LIMIT = { attempts: 5, windowSeconds: 15 * 60 } as const;

export type ChangePasswordResult =
  { ok: true; sessionsEnded: number } | { ok: false; field: 'currentPassword'; error: string };

/**
 * A console user replaces their own password. Someone holding a stolen session cannot guess the
 * current password at leisure (5 tries per 15 minutes); a change ends every other session of the
 * user, so whoever knew the old password is signed out too, while this browser stays signed in.
 */
export async function changeOwnPassword(
  db: Db,
  actor: AuditActor,
  input: { currentPassword: string; newPassword: string; sessionId: string | null },
): Promise<ChangePasswordResult> {
  const key = `password-change:${actor.id}`;
  const limit = await hitRateLimit(
    db,
    key,
    PASSWORD_CHANGE_LIMIT.attempts,
    PASSWORD_CHANGE_LIMIT.windowSeconds,
  );
  if (!limit.allowed) {
    // The first refused try of a window is recorded; the ones after it say nothing new.
    if (limit.count === PASSWORD_CHANGE_LIMIT.attempts + 1) {
      await insertAuditEvent(db, actor.orgId, {
        ...adminAuditFields(actor),
        type: 'user.password_change_limited',
        outcome: 'failure',
        reason: 'rate limited',
        summary: `${actor.email} got the current password wrong too often; password changes are paused`,
        data: {
          attempts: PASSWORD_CHANGE_LIMIT.attempts,
          windowSeconds: PASSWORD_CHANGE_LIMIT.windowSeconds,
        },
      });
    }
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    return {
      ok: false,
      field: 'currentPassword',
      error: `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    };
  }

  const stored = await getPasswordHash(db, actor.orgId, actor.id);
  if (!stored || !(await verifyPassword(input.currentPassword, stored))) {
    return { ok: false, field: 'currentPassword', error: 'Your current password is not correct.' };
  }
  const passwordHash = await hashPassword(input.newPassword);
  const sessionsEnded = await db.transaction(async (tx) => {
    await updateConsoleUser(tx, actor.orgId, actor.id, {
      passwordHash,
      passwordIsTemporary: false,
    });
    const ended = await endSessionsOfUser(tx, actor.orgId, actor.id, 'password_changed', {
      exceptId: input.sessionId,
    });
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'user.password_changed',
      summary:
        ended > 0
          ? `${actor.email} changed their password and ended ${ended} other ${ended === 1 ? 'session' : 'sessions'}`
          : `${actor.email} changed their password`,
      data: { sessionsEnded: ended },
    });
    return ended;
  });
  await resetRateLimit(db, key);
  return { ok: true, sessionsEnded };
}
