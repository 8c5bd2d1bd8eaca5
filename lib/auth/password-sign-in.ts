import type { Db } from '@/db/client';
import { insertAuditEvent } from '@/db/queries/audit';
import { findUserByEmailForSignIn, updateConsoleUser } from '@/db/queries/console-users';
import { ensureDefaultOrg } from '@/db/queries/orgs';
import { hitRateLimit, resetRateLimit } from '@/db/queries/rate-limits';
import { burnPasswordCheck, verifyPassword } from '@/lib/crypto/password';
import type { HubSession } from './session';

/** Failed attempts allowed per email, and attempts per IP, in one window. */
export const SIGN_IN_LIMITS = { perEmail: 10, perIp: 60, windowSeconds: 15 * 60 } as const;

export type PasswordSignInResult =
  | { ok: true; session: Extract<HubSession, { kind: 'console' }>; email: string }
  | { ok: false; reason: 'invalid' | 'rate_limited'; retryAfterSeconds?: number };

/**
 * Checks a password sign-in and writes its audit row. The answer never says whether the email or
 * the password was wrong; the audit trail, which only admins read, does.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string | null; userAgent: string | null },
): Promise<PasswordSignInResult> {
  const email = input.email.trim().toLowerCase();
  const emailKey = `signin:email:${email}`;
  const [byEmail, byIp] = await Promise.all([
    hitRateLimit(db, emailKey, SIGN_IN_LIMITS.perEmail, SIGN_IN_LIMITS.windowSeconds),
    input.ip
      ? hitRateLimit(
          db,
          `signin:ip:${input.ip}`,
          SIGN_IN_LIMITS.perIp,
          SIGN_IN_LIMITS.windowSeconds,
        )
      : null,
  ]);

  const user = await findUserByEmailForSignIn(db, email);
  const orgId = user?.orgId ?? (await ensureDefaultOrg(db)).id;
  const fail = async (reason: string, answer: PasswordSignInResult) => {
    await insertAuditEvent(db, orgId, {
      type: 'user.sign_in_failed',
      actorType: 'user',
      actorId: user?.id ?? null,
      actorLabel: email.slice(0, 320),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
      outcome: 'failure',
      reason,
      summary: `Failed sign-in for ${email.slice(0, 320)} (${reason})`,
      data: { method: 'password' },
    });
    return answer;
  };

  if (!byEmail.allowed || (byIp && !byIp.allowed)) {
    const retryAfterSeconds = Math.max(
      byEmail.allowed ? 0 : byEmail.retryAfterSeconds,
      byIp && !byIp.allowed ? byIp.retryAfterSeconds : 0,
    );
    return fail('rate limited', { ok: false, reason: 'rate_limited', retryAfterSeconds });
  }
  if (!user || !user.passwordHash) {
    await burnPasswordCheck(input.password);
    return fail(user ? 'no password (single sign-on only)' : 'unknown email', {
      ok: false,
      reason: 'invalid',
    });
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    return fail('wrong password', { ok: false, reason: 'invalid' });
  }
  if (user.status !== 'active') return fail('account disabled', { ok: false, reason: 'invalid' });

  await resetRateLimit(db, emailKey);
  await updateConsoleUser(db, user.orgId, user.id, { lastSignInAt: new Date() });
  return {
    ok: true,
    session: { kind: 'console', userId: user.id, orgId: user.orgId },
    email: user.email,
  };
}
