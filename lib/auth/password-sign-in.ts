import type { Db } from '@/db/client';
import { insertAuditEvent, type AuditInput } from '@/db/queries/audit';
import { findUserByEmailForSignIn, updateConsoleUser } from '@/db/queries/console-users';
import { ensureDefaultOrg } from '@/db/queries/orgs';
import { burnPasswordCheck, verifyPassword } from '@/lib/crypto/password';
import type { HubSession } from './session';
import {
  accountAlert,
  claimSignIn,
  releaseSignIn,
  throttleKeys,
  type ThrottleLock,
} from './sign-in-throttle';

export { SIGN_IN_THROTTLE } from './sign-in-throttle';

export type PasswordSignInResult =
  | { ok: true; session: Extract<HubSession, { kind: 'console' }>; email: string }
  | { ok: false; reason: 'invalid' | 'rate_limited'; retryAfterSeconds?: number };

type SignInInput = { email: string; password: string; ip: string | null; userAgent: string | null };

/**
 * Checks a password sign-in and writes its audit row. The answer never says whether the email or
 * the password was wrong; the audit trail, which only admins read, does. A locked (account,
 * address) pair or address is refused before the password is checked and without an audit row
 * each time: the lock itself was audited once, and a flood must not become a flood of writes.
 */
export async function signInWithPassword(
  db: Db,
  input: SignInInput,
): Promise<PasswordSignInResult> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.ip);
  const { retryAfterSeconds, locks } = await claimSignIn(db, keys);
  if (retryAfterSeconds > 0) return { ok: false, reason: 'rate_limited', retryAfterSeconds };

  const user = await findUserByEmailForSignIn(db, email);
  const orgId = user?.orgId ?? (await ensureDefaultOrg(db)).id;
  const origin = {
    actorType: 'user',
    actorId: user?.id ?? null,
    actorLabel: email.slice(0, 320),
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  } satisfies Partial<AuditInput>;
  const fail = async (reason: string): Promise<PasswordSignInResult> => {
    await insertAuditEvent(db, orgId, {
      ...origin,
      type: 'user.sign_in_failed',
      outcome: 'failure',
      reason,
      summary: `Failed sign-in for ${origin.actorLabel} (${reason})`,
      data: { method: 'password' },
    });
    await auditSignals(db, orgId, origin, locks, await accountAlert(db, keys));
    return { ok: false, reason: 'invalid' };
  };

  if (!user || !user.passwordHash) {
    await burnPasswordCheck(input.password);
    return fail(user ? 'no password (single sign-on only)' : 'unknown email');
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) return fail('wrong password');
  if (user.status !== 'active') return fail('account disabled');

  await releaseSignIn(db, keys);
  await updateConsoleUser(db, user.orgId, user.id, { lastSignInAt: new Date() });
  return {
    ok: true,
    session: { kind: 'console', userId: user.id, orgId: user.orgId },
    email: user.email,
  };
}

/** One audit row per lock started and per alert step, so admins see an attack without a flood. */
async function auditSignals(
  db: Db,
  orgId: string,
  origin: Pick<AuditInput, 'actorType' | 'actorId' | 'actorLabel' | 'ip' | 'userAgent'>,
  locks: ThrottleLock[],
  accountFailures: number | null,
): Promise<void> {
  const from = origin.ip ?? 'an unknown address';
  for (const lock of locks) {
    await insertAuditEvent(db, orgId, {
      ...origin,
      type: 'user.sign_in_throttled',
      outcome: 'denied',
      reason: lock.scope === 'address' ? 'address locked' : 'account and address locked',
      summary:
        lock.scope === 'address'
          ? `Password sign-ins from ${from} locked for ${lock.seconds} s after ${lock.failures} failures across accounts`
          : `Password sign-ins for ${origin.actorLabel} from ${from} locked for ${lock.seconds} s after ${lock.failures} failures`,
      data: {
        method: 'password',
        scope: lock.scope,
        lockSeconds: lock.seconds,
        failures: lock.failures,
      },
    });
  }
  if (accountFailures !== null) {
    const failures = accountFailures;
    await insertAuditEvent(db, orgId, {
      ...origin,
      type: 'user.sign_in_throttled',
      outcome: 'failure',
      reason: 'many failures for the account',
      summary: `${failures} failed password sign-ins for ${origin.actorLabel} from any address; the account stays open to its owner's address`,
      data: { method: 'password', scope: 'account', failures },
    });
  }
}
