import type { Db } from '@/db/client';
import { insertAuditEvent, type AuditInput } from '@/lib/audit/record';
import { findUsersByEmailForSignIn, updateConsoleUser } from '@/db/queries/console-users';
import type { ConsoleUser } from '@/db/schema';
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

  // The same email may be a console user of several orgs: the password says which account.
  const accounts = await findUsersByEmailForSignIn(db, email);
  const origin = (user: ConsoleUser | null) =>
    ({
      actorType: 'user',
      actorId: user?.id ?? null,
      actorLabel: email.slice(0, 320),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    }) satisfies Partial<AuditInput>;
  // A failure is recorded in each org that has an account with this email (or the default org
  // when none has): each org's admins see attempts on their user, and only those.
  const fail = async (
    reason: (user: ConsoleUser | null) => string,
    users: ConsoleUser[] = accounts,
  ): Promise<PasswordSignInResult> => {
    const alert = await accountAlert(db, keys);
    const targets: (ConsoleUser | null)[] = users.length > 0 ? users : [null];
    for (const user of targets) {
      const orgId = user?.orgId ?? (await ensureDefaultOrg(db)).id;
      const why = reason(user);
      await insertAuditEvent(db, orgId, {
        ...origin(user),
        type: 'user.sign_in_failed',
        outcome: 'failure',
        reason: why,
        summary: `Failed sign-in for ${origin(user).actorLabel} (${why})`,
        data: { method: 'password' },
      });
      await auditSignals(db, orgId, origin(user), locks, alert);
    }
    return { ok: false, reason: 'invalid' };
  };

  const withPassword = accounts.filter((a) => a.passwordHash);
  if (withPassword.length === 0) {
    await burnPasswordCheck(input.password);
    return fail((user) => (user ? 'no password (single sign-on only)' : 'unknown email'));
  }
  let user: ConsoleUser | null = null;
  for (const account of withPassword) {
    if (await verifyPassword(input.password, account.passwordHash!)) {
      user = account;
      break;
    }
  }
  if (!user) {
    return fail((u) => (u?.passwordHash ? 'wrong password' : 'no password (single sign-on only)'));
  }
  if (user.status !== 'active') return fail(() => 'account disabled', [user]);

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
