import { describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents } from '@/db/schema';
import { insertConsoleUser } from '@/db/queries/console-users';
import { checkSession, startSession } from '@/lib/auth/server-sessions';
import type { HubSession } from '@/lib/auth/session';
import { hashPassword } from '@/lib/crypto/password';
import { createTestOrg, setupTestDatabase, uniqueEmail } from '@/lib/testing/fixtures';
import { changeOwnPassword } from './change-password';
import {
  changeConsoleUserRole,
  endConsoleUserSessions,
  removeConsoleUser,
  setConsoleUserStatus,
} from './manage-users';

const database = setupTestDatabase();
const limits = { idleTimeoutSeconds: 3600, maxAgeSeconds: 86_400 };
const origin = { ip: '198.51.100.7', userAgent: 'test browser' };

/** An org with an owner and an admin who is signed in on two browsers. */
async function signedInTwice() {
  const db = database().db;
  const org = await createTestOrg(db);
  const owner = await insertConsoleUser(db, org.id, { email: uniqueEmail('owner'), role: 'owner' });
  const user = await insertConsoleUser(db, org.id, {
    email: uniqueEmail('admin'),
    role: 'admin',
    passwordHash: await hashPassword('the old passphrase'),
  });
  const hub: HubSession = { kind: 'console', userId: user.id, orgId: org.id };
  const laptop = await startSession(db, hub, origin, limits);
  const phone = await startSession(db, hub, origin, limits);
  const ownerActor = { id: owner.id, orgId: org.id, email: owner.email };
  const userActor = { id: user.id, orgId: org.id, email: user.email };
  const live = async (id: string) => (await checkSession(db, hub, id, limits)).ok;
  const audit = (type: string) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.type, type)))
      .orderBy(desc(auditEvents.id));
  return { db, org, owner, user, hub, laptop, phone, ownerActor, userActor, live, audit };
}

describe('sessions end when access does', () => {
  it('disabling a user ends all their sessions, and enabling them brings none back', async () => {
    const s = await signedInTwice();
    await setConsoleUserStatus(s.db, s.ownerActor, {
      userId: s.user.id,
      status: 'disabled',
      reason: null,
    });
    expect([await s.live(s.laptop), await s.live(s.phone)]).toEqual([false, false]);
    await setConsoleUserStatus(s.db, s.ownerActor, {
      userId: s.user.id,
      status: 'active',
      reason: null,
    });
    expect([await s.live(s.laptop), await s.live(s.phone)]).toEqual([false, false]);
    expect((await s.audit('user.disabled'))[0]?.data).toMatchObject({ sessionsEnded: 2 });
  });

  it('removing a user ends their sessions', async () => {
    const s = await signedInTwice();
    await removeConsoleUser(s.db, s.ownerActor, { userId: s.user.id, reason: 'left' });
    expect([await s.live(s.laptop), await s.live(s.phone)]).toEqual([false, false]);
    expect((await s.audit('user.removed'))[0]?.data).toMatchObject({ sessionsEnded: 2 });
  });

  it('changing a user’s role ends their sessions', async () => {
    const s = await signedInTwice();
    await changeConsoleUserRole(s.db, s.ownerActor, {
      userId: s.user.id,
      role: 'auditor',
      reason: null,
    });
    expect([await s.live(s.laptop), await s.live(s.phone)]).toEqual([false, false]);
    expect((await s.audit('user.role_changed'))[0]?.data).toMatchObject({ sessionsEnded: 2 });
  });

  it('an owner ends another user’s sessions, audited with how many', async () => {
    const s = await signedInTwice();
    const ownerSession = await startSession(
      s.db,
      { kind: 'console', userId: s.owner.id, orgId: s.org.id },
      origin,
      limits,
    );
    expect(
      await endConsoleUserSessions(s.db, s.ownerActor, { userId: s.user.id, reason: null }),
    ).toBe(2);
    expect([await s.live(s.laptop), await s.live(s.phone)]).toEqual([false, false]);
    const ownerHub: HubSession = { kind: 'console', userId: s.owner.id, orgId: s.org.id };
    expect((await checkSession(s.db, ownerHub, ownerSession, limits)).ok).toBe(true);
    const [event] = await s.audit('user.sessions_ended');
    expect(event).toMatchObject({
      actorId: s.owner.id,
      data: { userId: s.user.id, sessionsEnded: 2 },
    });
  });

  it('a password change ends every other session of the user and keeps the current one', async () => {
    const s = await signedInTwice();
    const result = await changeOwnPassword(s.db, s.userActor, {
      currentPassword: 'the old passphrase',
      newPassword: 'a brand new passphrase',
      sessionId: s.laptop,
    });
    expect(result).toEqual({ ok: true, sessionsEnded: 1 });
    expect(await s.live(s.laptop)).toBe(true);
    expect(await s.live(s.phone)).toBe(false);
    expect((await s.audit('user.password_changed'))[0]?.data).toMatchObject({ sessionsEnded: 1 });
  });
});

describe('guessing the current password', () => {
  it('is refused after 5 tries in 15 minutes with a clear message, audited once', async () => {
    const s = await signedInTwice();
    const attempt = (currentPassword: string) =>
      changeOwnPassword(s.db, s.userActor, {
        currentPassword,
        newPassword: 'a brand new passphrase',
        sessionId: s.laptop,
      });
    for (let i = 0; i < 5; i++) {
      expect(await attempt(`guess ${i}`)).toEqual({
        ok: false,
        field: 'currentPassword',
        error: 'Your current password is not correct.',
      });
    }
    // Now even the right password waits: the limit is on tries, not on wrong answers.
    for (let i = 0; i < 3; i++) {
      const refused = await attempt('the old passphrase');
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error).toMatch(
        /^Too many attempts, try again in 1[45] minutes\.$/,
      );
    }
    expect(await s.audit('user.password_change_limited')).toHaveLength(1);
    // Nothing changed: the other session is still live.
    expect(await s.live(s.phone)).toBe(true);
  });

  it('starts counting again after a successful change', async () => {
    const s = await signedInTwice();
    const change = (currentPassword: string, newPassword: string) =>
      changeOwnPassword(s.db, s.userActor, { currentPassword, newPassword, sessionId: s.laptop });
    for (let i = 0; i < 4; i++) expect((await change('wrong', 'x'.repeat(12))).ok).toBe(false);
    expect((await change('the old passphrase', 'the second passphrase')).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect((await change('wrong', 'x'.repeat(12))).ok).toBe(false);
    expect(await change('the second passphrase', 'the third passphrase')).toMatchObject({
      ok: true,
    });
  });
});
