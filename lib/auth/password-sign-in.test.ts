import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Executor } from '@/db/client';
import { getConsoleUser, insertConsoleUser, updateConsoleUser } from '@/db/queries/console-users';
import { ensureDefaultOrg } from '@/db/queries/orgs';
import { auditEvents, rateLimitBuckets } from '@/db/schema';
import { hashPassword } from '@/lib/crypto/password';
import { createTestOrg, unique, uniqueEmail, setupTestDatabase } from '@/lib/testing/fixtures';
import { SIGN_IN_LIMITS, signInWithPassword } from './password-sign-in';

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

function attempt(email: string, password: string) {
  return signInWithPassword(database().db, {
    email,
    password,
    // A fresh client address per attempt keeps the per-IP limit out of the per-email tests.
    ip: unique('ip'),
    userAgent: 'vitest',
  });
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

  it('rate-limits an email after too many failures, even with the right password', async () => {
    const { db } = database();
    const { org, user } = await createUser();
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      expect(await attempt(user.email, `wrong ${i}`)).toEqual({ ok: false, reason: 'invalid' });
    }
    const limited = await attempt(user.email, PASSWORD);
    expect(limited).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(limited.ok === false && limited.retryAfterSeconds).toBeGreaterThan(
      SIGN_IN_LIMITS.windowSeconds - 60,
    );
    const reasons = (await failures(db, org.id, user.email)).map((f) => f.reason);
    expect(reasons).toHaveLength(SIGN_IN_LIMITS.perEmail + 1);
    expect(reasons.at(-1)).toBe('rate limited');
    expect(reasons.filter((r) => r === 'wrong password')).toHaveLength(SIGN_IN_LIMITS.perEmail);

    // Another email is not affected.
    const other = await createUser();
    expect((await attempt(other.user.email, PASSWORD)).ok).toBe(true);
  });

  it('rate-limits by IP across emails', async () => {
    const { db } = database();
    const ip = unique('198.51.100.9');
    await db.insert(rateLimitBuckets).values({
      key: `signin:ip:${ip}`,
      windowStart: new Date(),
      count: SIGN_IN_LIMITS.perIp,
    });
    const { user } = await createUser();
    const result = await signInWithPassword(db, {
      email: user.email,
      password: PASSWORD,
      ip,
      userAgent: null,
    });
    expect(result).toMatchObject({ ok: false, reason: 'rate_limited' });
  });

  it('resets the email counter after a successful sign-in', async () => {
    const { db } = database();
    const { user } = await createUser();
    const key = `signin:email:${user.email}`;
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail - 1; i++) await attempt(user.email, 'wrong');
    expect((await attempt(user.email, PASSWORD)).ok).toBe(true);
    const buckets = await db
      .select()
      .from(rateLimitBuckets)
      .where(sql`${rateLimitBuckets.key} = ${key}`);
    expect(buckets).toEqual([]);
    // Without the reset these would push the count past the limit.
    await attempt(user.email, 'wrong');
    await attempt(user.email, 'wrong');
    expect((await attempt(user.email, PASSWORD)).ok).toBe(true);
  });
});
