import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertConsoleUser } from '@/db/queries/console-users';
import { auditEvents } from '@/db/schema';
import { addConsoleUser } from '@/lib/users/manage-users';
import { hashPassword } from '@/lib/crypto/password';
import {
  createTestActor,
  createTestOrg,
  setupTestDatabase,
  unique,
  uniqueEmail,
} from '@/lib/testing/fixtures';
import { signInWithPassword } from './password-sign-in';

const database = setupTestDatabase();

const attempt = (email: string, password: string) =>
  signInWithPassword(database().db, {
    email,
    password,
    ip: unique('198.51.100'),
    userAgent: 'vitest',
  });

async function failuresIn(orgId: string) {
  return database()
    .db.select({ reason: auditEvents.reason, actorId: auditEvents.actorId })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.type, 'user.sign_in_failed')));
}

describe('one email, console user of several orgs', () => {
  it('can be added to a second org without learning of the first', async () => {
    const { db } = database();
    const [a, b] = [await createTestOrg(db), await createTestOrg(db)];
    const email = uniqueEmail('shared');
    const ownerA = await createTestActor(db, a.id);
    const ownerB = await createTestActor(db, b.id);
    await addConsoleUser(db, ownerA, { email, name: null, role: 'admin', method: 'password' });
    const added = await addConsoleUser(db, ownerB, {
      email: email.toUpperCase(),
      name: null,
      role: 'auditor',
      method: 'password',
    });
    expect(added.user).toMatchObject({ email, role: 'auditor', orgId: b.id });
    await expect(
      addConsoleUser(db, ownerB, { email, name: null, role: 'admin', method: 'sso' }),
    ).rejects.toThrow(`${email} already has a console account in this organization.`);
  });

  it('signs into the org whose account the password opens; a failure is told to each org', async () => {
    const { db } = database();
    const [a, b] = [await createTestOrg(db), await createTestOrg(db)];
    const email = uniqueEmail('two-orgs');
    const inA = await insertConsoleUser(db, a.id, {
      email,
      role: 'admin',
      passwordHash: await hashPassword('password of org a, long enough'),
    });
    const inB = await insertConsoleUser(db, b.id, {
      email,
      role: 'owner',
      passwordHash: await hashPassword('password of org b, long enough'),
    });
    expect(await attempt(email, 'password of org a, long enough')).toMatchObject({
      ok: true,
      session: { orgId: a.id, userId: inA.id },
    });
    expect(await attempt(email, 'password of org b, long enough')).toMatchObject({
      ok: true,
      session: { orgId: b.id, userId: inB.id },
    });
    expect(await attempt(email, 'neither org’s password')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await failuresIn(a.id)).toEqual([{ reason: 'wrong password', actorId: inA.id }]);
    expect(await failuresIn(b.id)).toEqual([{ reason: 'wrong password', actorId: inB.id }]);
  });
});
