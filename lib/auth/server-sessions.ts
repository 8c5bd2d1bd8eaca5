import type { Db } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import {
  endSession,
  getSessionState,
  insertSession,
  touchSession,
} from '@/db/queries/console-sessions';
import type { SessionLimits } from '@/lib/config/env';
import type { HubSession } from './session';

/** last_seen_at moves at most this often, so a busy session costs one write a minute. */
export const TOUCH_INTERVAL_MS = 60_000;

export type SessionOrigin = { ip: string | null; userAgent: string | null };

/** Records a new sign-in; its id goes into the session cookie. */
export async function startSession(
  db: Db,
  hub: HubSession,
  origin: SessionOrigin,
  limits: SessionLimits,
  now = new Date(),
): Promise<string> {
  return insertSession(db, hub.orgId, {
    kind: hub.kind,
    userId: hub.kind === 'console' ? hub.userId : null,
    issuer: hub.kind === 'end_user' ? hub.issuer : null,
    sub: hub.kind === 'end_user' ? hub.sub : null,
    userAgent: origin.userAgent,
    ip: origin.ip,
    createdAt: now,
    expiresAt: new Date(now.getTime() + limits.maxAgeSeconds * 1000),
  });
}

export type SessionCheck =
  { ok: true } | { ok: false; reason: 'unknown' | 'ended' | 'idle' | 'max_age' | 'mismatch' };

/** Which limit a session has passed, if any: its absolute end, or its idle timeout. */
export function sessionExpiry(
  state: { expiresAt: Date; lastSeenAt: Date },
  limits: SessionLimits,
  now = new Date(),
): 'max_age' | 'idle' | null {
  if (state.expiresAt.getTime() <= now.getTime()) return 'max_age';
  if (state.lastSeenAt.getTime() + limits.idleTimeoutSeconds * 1000 <= now.getTime()) return 'idle';
  return null;
}

/**
 * Whether the session a cookie names may still be used, run on every request that reads the
 * session. A session past either limit is ended here (and audited once); a live one has its
 * last use recorded at most once a minute.
 */
export async function checkSession(
  db: Db,
  hub: HubSession,
  sessionId: string | undefined,
  limits: SessionLimits,
  now = new Date(),
): Promise<SessionCheck> {
  // Cookies signed before sessions were kept name none: they are refused like ended ones.
  if (!sessionId || !/^[0-9a-f-]{36}$/i.test(sessionId)) return { ok: false, reason: 'unknown' };
  const state = await getSessionState(db, hub.orgId, sessionId);
  if (!state) return { ok: false, reason: 'unknown' };
  const owner = hub.kind === 'console' ? state.userId === hub.userId : state.sub === hub.sub;
  if (state.kind !== hub.kind || !owner) return { ok: false, reason: 'mismatch' };
  if (state.endedAt) return { ok: false, reason: 'ended' };

  const expired = sessionExpiry(state, limits, now);
  if (expired) {
    await db.transaction(async (tx) => {
      if (!(await endSession(tx, hub.orgId, sessionId, expired, { now }))) return;
      await insertAuditEvent(tx, hub.orgId, {
        type: 'session.expired',
        actorType: 'system',
        actorId: 'sessions',
        actorLabel: 'Session limits',
        sub: hub.kind === 'end_user' ? hub.sub : null,
        issuer: hub.kind === 'end_user' ? hub.issuer : null,
        reason: expired === 'idle' ? 'idle timeout' : 'maximum age',
        summary:
          expired === 'idle'
            ? 'A session ended after it was idle for longer than HUB_SESSION_IDLE_TIMEOUT'
            : 'A session reached HUB_SESSION_MAX_AGE and ended',
        data: {
          sessionId,
          ...(hub.kind === 'console' ? { userId: hub.userId } : {}),
        },
      });
    });
    return { ok: false, reason: expired };
  }
  if (now.getTime() - state.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await touchSession(db, hub.orgId, sessionId, now);
  }
  return { ok: true };
}

/** Sign-out: ends the session on the server and audits it, in one transaction. */
export async function endSessionOnSignOut(
  db: Db,
  hub: HubSession,
  sessionId: string | undefined,
  audit: { label: string | null; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const ended =
      sessionId && /^[0-9a-f-]{36}$/i.test(sessionId)
        ? await endSession(tx, hub.orgId, sessionId, 'signed_out')
        : false;
    await insertAuditEvent(tx, hub.orgId, {
      ip: audit.ip,
      userAgent: audit.userAgent?.slice(0, 500) ?? null,
      type: hub.kind === 'console' ? 'user.signed_out' : 'end_user.signed_out',
      actorType: 'user',
      actorId: hub.kind === 'console' ? hub.userId : hub.sub,
      actorLabel: audit.label,
      summary: `${audit.label ?? 'Someone'} signed out`,
      data: ended ? { sessionId } : null,
    });
  });
}
