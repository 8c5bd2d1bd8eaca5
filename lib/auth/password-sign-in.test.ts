import { and, eq, like, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Executor } from '@/db/client';
import { getConsoleUser, insertConsoleUser, updateConsoleUser } from '@/db/queries/console-users';
import { ensureDefaultOrg } from '@/db/queries/orgs';
import { auditEvents, signInThrottles } from '@/db/schema';
import { hashPassword } from '@/lib/crypto/password';
import { createTestOrg, unique, uniqueEmail, setupTestDatabase } from '@/lib/testing/fixtures';
import {
  SIGN_IN_THROTTLE,
  signInWithPassword,
  type PasswordSignInResult,
} from './password-sign-in';

const database = setupTestDatabase();
const PASSWORD = 'correct horse battery staple';
const storedHash = hashPassword(PASSWORD);

async function createUser(options: { withPassword?: boolean } = {}) {
  const { db } = database();
  const org = await createTestOrg(db);
  const user = await insertConsoleUser(db, org.id, {
    email: uniqueEmail('Signin'),
    role: 'admin',
    passwordHash: options.withPassword === false ? null : await storedHash,
    ...(options.withPassword === false
      ? { oidcIssuer: 'https://idp.example', oidcSub: unique('sub') }
      : {}),
  });
  return { org, user };
}

/** From `ip`, or by default from a fresh address per attempt, which keeps the locks out. */
function attempt(email: string, password: string, ip = unique('203.0.113')) {
  return signInWithPassword(database().db, { email, password, ip, userAgent: 'vitest' });
}

const outcome = (r: PasswordSignInResult) => (r.ok ? 'signed_in' : r.reason);

/** For tests that run a dozen password checks or more: seconds each on a busy machine. */
const MANY_CHECKS = { timeout: 90_000 };
const PAIR = SIGN_IN_THROTTLE.pair;
const ADDRESS = SIGN_IN_THROTTLE.address;

async function throttle(key: string) {
  const [row] = await database()
    .db.select({
      failures: signInThrottles.failures,
      // The length the running lock was set for (both ends are written by one statement), not
      // what is left of it: that shrinks with every second a busy machine takes to read it.
      lockedSeconds: sql<number | null>`case when ${signInThrottles.lockedUntil} > now()
        then extract(epoch from (${signInThrottles.lockedUntil} - ${signInThrottles.lastFailureAt}))::float8
        else 0 end`,
    })
    .from(signInThrottles)
    .where(eq(signInThrottles.key, key));
  return row ? { failures: row.failures, lockedSeconds: Number(row.lockedSeconds ?? 0) } : null;
}

/** Failures counted earlier, written directly: each password check is slow on a busy machine. */
async function seedFailures(key: string, failures: number) {
  await database().db.insert(signInThrottles).values({ key, failures, lastFailureAt: new Date() });
}

/** Time passing: the running lock on `key` ends now (the failures stay counted). */
async function endLock(key: string) {
  await database()
    .db.update(signInThrottles)
    .set({ lockedUntil: sql`now() - interval '1 second'` })
    .where(eq(signInThrottles.key, key));
}

async function throttledEvents(db: Executor, orgId: string, email: string) {
  return db
    .select({ reason: auditEvents.reason, data: auditEvents.data })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.orgId, orgId),
        eq(auditEvents.type, 'user.sign_in_throttled'),
        eq(auditEvents.actorLabel, email.toLowerCase()),
      ),
    )
    .orderBy(auditEvents.id);
}

async function failures(db: Executor, orgId: string, email: string) {
  return db
    .select({
      reason: auditEvents.reason,
      actorId: auditEvents.actorId,
      outcome: auditEvents.outcome,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.orgId, orgId),
        eq(auditEvents.type, 'user.sign_in_failed'),
        eq(auditEvents.actorLabel, email.toLowerCase()),
      ),
    )
    .orderBy(auditEvents.id);
}

describe('signInWithPassword', () => {
  it('signs in with the right password, in any email case, and records the time', async () => {
    const { db } = database();
    const { org, user } = await createUser();
    const result = await attempt(`  ${user.email.toUpperCase()} `, PASSWORD);
    expect(result).toEqual({
      ok: true,
      session: { kind: 'console', userId: user.id, orgId: org.id },
      email: user.email,
    });
    expect((await getConsoleUser(db, org.id, user.id))?.lastSignInAt).toBeInstanceOf(Date);
    expect(await failures(db, org.id, user.email)).toEqual([]);
  });

  it('answers a wrong password and an unknown email identically, and audits both', async () => {
    const { db } = database();
    const { org, user } = await createUser();
    const unknownEmail = uniqueEmail('nobody');

    const wrongPassword = await attempt(user.email, 'not the password');
    const unknown = await attempt(unknownEmail, PASSWORD);
    expect(wrongPassword).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrongPassword);

    expect(await failures(db, org.id, user.email)).toEqual([
      { reason: 'wrong password', actorId: user.id, outcome: 'failure' },
    ]);
    const defaultOrg = await ensureDefaultOrg(db);
    expect(await failures(db, defaultOrg.id, unknownEmail)).toEqual([
      { reason: 'unknown email', actorId: null, outcome: 'failure' },
    ]);
  });

  it('refuses a disabled user even with the right password', async () => {
    const { db } = database();
    const { org, user } = await createUser();
    await updateConsoleUser(db, org.id, user.id, { status: 'disabled' });
    expect(await attempt(user.email, PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
    expect((await failures(db, org.id, user.email)).map((f) => f.reason)).toEqual([
      'account disabled',
    ]);
  });

  it('refuses a password for a single-sign-on-only user', async () => {
    const { db } = database();
    const { org, user } = await createUser({ withPassword: false });
    expect(await attempt(user.email, PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
    expect((await failures(db, org.id, user.email)).map((f) => f.reason)).toEqual([
      'no password (single sign-on only)',
    ]);
  });

  it(
    'locks one (account, address) pair, while the owner still signs in from their own address',
    MANY_CHECKS,
    async () => {
      const { db } = database();
      const { org, user } = await createUser();
      const attacker = unique('198.51.100');
      const outcomes = [];
      for (let i = 0; i < PAIR.threshold * 3; i++)
        outcomes.push(outcome(await attempt(user.email, `guess ${i}`, attacker)));
      expect(outcomes.slice(0, PAIR.threshold)).toEqual(Array(PAIR.threshold).fill('invalid'));
      expect(outcomes.slice(PAIR.threshold)).toEqual(
        Array(PAIR.threshold * 2).fill('rate_limited'),
      );

      // Even the right password is refused from the locked address, with a delay of about a minute…
      const limited = await attempt(user.email, PASSWORD, attacker);
      expect(limited).toMatchObject({ ok: false, reason: 'rate_limited' });
      const retry = limited.ok ? 0 : (limited.retryAfterSeconds ?? 0);
      expect(retry).toBeGreaterThan(PAIR.lock.baseSeconds - 10);
      expect(retry).toBeLessThanOrEqual(PAIR.lock.baseSeconds);
      // …while the owner, at their own address, gets in.
      expect((await attempt(user.email, PASSWORD, unique('192.0.2'))).ok).toBe(true);

      // Refused attempts were not checked, counted or audited one by one; the lock once.
      const reasons = (await failures(db, org.id, user.email)).map((f) => f.reason);
      expect(reasons).toEqual(Array(PAIR.threshold).fill('wrong password'));
      expect(await throttle(`pair:${attacker} ${user.email}`)).toMatchObject({
        failures: PAIR.threshold,
      });
      expect(await throttledEvents(db, org.id, user.email)).toEqual([
        {
          reason: 'account and address locked',
          data: {
            method: 'password',
            scope: 'account_address',
            lockSeconds: PAIR.lock.baseSeconds,
            failures: PAIR.threshold,
          },
        },
      ]);
    },
  );

  it('grants a burst of parallel guesses no more than the threshold', async () => {
    const { db } = database();
    const { org, user } = await createUser();
    const ip = unique('198.51.100');
    const burst = await Promise.all(
      Array.from({ length: PAIR.threshold * 3 }, (_, i) => attempt(user.email, `guess ${i}`, ip)),
    );
    expect(burst.filter((r) => outcome(r) === 'invalid')).toHaveLength(PAIR.threshold);
    expect(burst.filter((r) => outcome(r) === 'rate_limited')).toHaveLength(PAIR.threshold * 2);
    expect(await failures(db, org.id, user.email)).toHaveLength(PAIR.threshold);
  });

  it(
    'doubles the lock with each failure after one ends, up to the cap, and forgets after a quiet day',
    MANY_CHECKS,
    async () => {
      const { db } = database();
      const { user } = await createUser();
      const ip = unique('198.51.100');
      const key = `pair:${ip} ${user.email}`;
      await seedFailures(key, PAIR.threshold - 1);
      await attempt(user.email, 'wrong', ip);
      expect((await throttle(key))?.lockedSeconds).toBeCloseTo(PAIR.lock.baseSeconds, -1);

      const locks = [];
      for (let i = 0; i < 3; i++) {
        await endLock(key);
        expect(await attempt(user.email, 'wrong', ip)).toEqual({ ok: false, reason: 'invalid' });
        locks.push(Math.round((await throttle(key))?.lockedSeconds ?? 0));
        // Attempts while locked change nothing.
        expect(outcome(await attempt(user.email, 'wrong', ip))).toBe('rate_limited');
      }
      const base = PAIR.lock.baseSeconds;
      expect(locks.map((s) => Math.round(s / 10) * 10)).toEqual([base * 2, base * 4, base * 8]);
      expect((await throttle(key))?.failures).toBe(PAIR.threshold + 3);

      await db
        .update(signInThrottles)
        .set({ failures: 40, lockedUntil: sql`now() - interval '1 second'` })
        .where(eq(signInThrottles.key, key));
      await attempt(user.email, 'wrong', ip);
      const capped = (await throttle(key))?.lockedSeconds ?? 0;
      expect(capped).toBeGreaterThan(PAIR.lock.maxSeconds - 10);
      expect(capped).toBeLessThanOrEqual(PAIR.lock.maxSeconds);

      await db
        .update(signInThrottles)
        .set({
          lockedUntil: sql`now() - interval '1 second'`,
          lastFailureAt: sql`now() - make_interval(secs => ${PAIR.forgetSeconds + 60})`,
        })
        .where(eq(signInThrottles.key, key));
      await attempt(user.email, 'wrong', ip);
      expect(await throttle(key)).toEqual({ failures: 1, lockedSeconds: 0 });
      expect((await attempt(user.email, PASSWORD, ip)).ok).toBe(true);
    },
  );

  it(
    'locks an address guessing across accounts, for every account, and no other address',
    MANY_CHECKS,
    async () => {
      const { db } = database();
      const { user } = await createUser();
      const ip = unique('198.51.100');
      // Each guess is at another email, so no pair locks; the address's own threshold does. The
      // first ones are written directly: thirty password checks take long on a busy machine.
      await db.insert(signInThrottles).values({
        key: `address:${ip}`,
        failures: ADDRESS.threshold - 3,
        lastFailureAt: new Date(),
      });
      for (let i = 0; i < 3; i++) {
        expect(outcome(await attempt(uniqueEmail('nobody'), 'guess', ip))).toBe('invalid');
      }
      expect(outcome(await attempt(uniqueEmail('nobody'), 'guess', ip))).toBe('rate_limited');
      expect(await throttle(`address:${ip}`)).toMatchObject({ failures: ADDRESS.threshold });
      expect(await attempt(user.email, PASSWORD, ip)).toMatchObject({ reason: 'rate_limited' });
      expect((await attempt(user.email, PASSWORD, unique('192.0.2'))).ok).toBe(true);

      // It doubles too once the lock ends.
      await endLock(`address:${ip}`);
      await attempt(uniqueEmail('nobody'), 'guess', ip);
      expect(Math.round(((await throttle(`address:${ip}`))?.lockedSeconds ?? 0) / 10) * 10).toBe(
        ADDRESS.lock.baseSeconds * 2,
      );
      const defaultOrg = await ensureDefaultOrg(db);
      const addressLocks = await db
        .select({ reason: auditEvents.reason })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.orgId, defaultOrg.id),
            eq(auditEvents.type, 'user.sign_in_throttled'),
            eq(auditEvents.ip, ip),
          ),
        );
      expect(addressLocks).toEqual([{ reason: 'address locked' }, { reason: 'address locked' }]);
    },
  );

  it('resets only its own pair after a successful sign-in', async () => {
    const { db } = database();
    const { user } = await createUser();
    const [home, other] = [unique('192.0.2'), unique('198.51.100')];
    await seedFailures(`pair:${other} ${user.email}`, PAIR.threshold - 1);
    await attempt(user.email, 'wrong', other);
    await seedFailures(`pair:${home} ${user.email}`, PAIR.threshold - 2);
    await attempt(user.email, 'wrong', home);
    expect((await attempt(user.email, PASSWORD, home)).ok).toBe(true);
    expect(
      await db
        .select()
        .from(signInThrottles)
        .where(like(signInThrottles.key, `pair:${home} %`)),
    ).toEqual([]);
    // Without the reset these would push the pair past its threshold.
    for (let i = 0; i < PAIR.threshold - 1; i++) await attempt(user.email, 'wrong', home);
    expect((await attempt(user.email, PASSWORD, home)).ok).toBe(true);
    // The other address stays locked.
    expect(outcome(await attempt(user.email, PASSWORD, other))).toBe('rate_limited');
  });

  it('never locks an address by signing in from it', async () => {
    const { db } = database();
    const [first, second] = [await createUser(), await createUser()];
    const ip = unique('198.51.100');
    // One failure short of the address's lock, e.g. a busy office behind one address.
    await db.insert(signInThrottles).values({
      key: `address:${ip}`,
      failures: ADDRESS.threshold - 1,
      lastFailureAt: new Date(),
    });
    expect(outcome(await attempt(first.user.email, PASSWORD, ip))).toBe('signed_in');
    expect(outcome(await attempt(second.user.email, PASSWORD, ip))).toBe('signed_in');
    expect(await throttle(`address:${ip}`)).toEqual({
      failures: ADDRESS.threshold - 1,
      lockedSeconds: 0,
    });
  });

  it(
    'alerts once per step when an account fails from many addresses, and never locks it',
    MANY_CHECKS,
    async () => {
      const { db } = database();
      const { org, user } = await createUser();
      const threshold = SIGN_IN_THROTTLE.account.threshold;
      // As if a botnet had already tried from threshold - 1 addresses.
      await db.insert(signInThrottles).values({
        key: `account:${user.email}`,
        failures: threshold - 1,
        lastFailureAt: new Date(),
      });
      await attempt(user.email, 'wrong');
      await attempt(user.email, 'wrong');
      expect(await throttledEvents(db, org.id, user.email)).toEqual([
        {
          reason: 'many failures for the account',
          data: { method: 'password', scope: 'account', failures: threshold },
        },
      ]);
      expect((await attempt(user.email, PASSWORD)).ok).toBe(true);
      expect(await throttle(`account:${user.email}`)).toMatchObject({ lockedSeconds: 0 });
    },
  );
});
