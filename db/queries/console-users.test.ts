import { describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/crypto/password';
import { createTestOrg, uniqueEmail, setupTestDatabase } from '@/lib/testing/fixtures';
import {
  consoleUserColumns,
  countOwners,
  findUserByEmailInOrg,
  findUsersByEmailForSignIn,
  getConsoleUser,
  insertConsoleUser,
  listConsoleUsers,
  updateConsoleUser,
} from './console-users';

const database = setupTestDatabase();
// One real hash is enough; scrypt is slow on purpose.
const passwordHash = hashPassword('a long enough password');

describe('console users', () => {
  it('reads a user only within its org', async () => {
    const { db } = database();
    const [orgA, orgB] = [await createTestOrg(db), await createTestOrg(db)];
    const user = await insertConsoleUser(db, orgA.id, { email: uniqueEmail(), role: 'admin' });
    expect(await getConsoleUser(db, orgA.id, user.id)).toMatchObject({
      id: user.id,
      role: 'admin',
    });
    expect(await getConsoleUser(db, orgB.id, user.id)).toBeNull();
    expect((await listConsoleUsers(db, orgB.id)).map((u) => u.id)).not.toContain(user.id);
  });

  it('never returns the password hash', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    const hash = await passwordHash;
    const user = await insertConsoleUser(db, org.id, {
      email: uniqueEmail(),
      role: 'owner',
      passwordHash: hash,
    });
    const expectedKeys = Object.keys(consoleUserColumns).sort();
    expect(expectedKeys).not.toContain('passwordHash');
    for (const view of [
      user,
      await getConsoleUser(db, org.id, user.id),
      ...(await listConsoleUsers(db, org.id)),
    ]) {
      expect(Object.keys(view ?? {}).sort()).toEqual(expectedKeys);
      expect(JSON.stringify(view)).not.toContain(hash);
    }
    expect(user.hasPassword).toBe(true);
    expect(user.hasSso).toBe(false);
  });

  it('reports sign-in methods as booleans', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    const user = await insertConsoleUser(db, org.id, {
      email: uniqueEmail(),
      role: 'auditor',
      oidcIssuer: 'https://idp.example',
      oidcSub: uniqueEmail('sub'),
    });
    expect(user).toMatchObject({ hasPassword: false, hasSso: true, status: 'active' });
  });

  it('stores emails lower-cased, finds them in any case, unique in an org but not across orgs', async () => {
    const { db } = database();
    const [orgA, orgB] = [await createTestOrg(db), await createTestOrg(db)];
    const email = uniqueEmail('Mixed.Case');
    const user = await insertConsoleUser(db, orgA.id, { email, role: 'admin' });
    expect(user.email).toBe(email.toLowerCase());
    expect((await findUserByEmailInOrg(db, orgA.id, email.toUpperCase()))?.id).toBe(user.id);
    expect(await findUserByEmailInOrg(db, orgB.id, email)).toBeNull();
    await expect(
      insertConsoleUser(db, orgA.id, { email: email.toUpperCase(), role: 'auditor' }),
    ).rejects.toThrow();
    const other = await insertConsoleUser(db, orgB.id, {
      email: email.toUpperCase(),
      role: 'owner',
    });
    expect((await findUsersByEmailForSignIn(db, email)).map((u) => u.id).sort()).toEqual(
      [user.id, other.id].sort(),
    );
  });

  it('counts active owners of one org', async () => {
    const { db } = database();
    const [org, other] = [await createTestOrg(db), await createTestOrg(db)];
    const owner = await insertConsoleUser(db, org.id, { email: uniqueEmail(), role: 'owner' });
    await insertConsoleUser(db, org.id, { email: uniqueEmail(), role: 'owner' });
    await insertConsoleUser(db, org.id, { email: uniqueEmail(), role: 'admin' });
    await insertConsoleUser(db, other.id, { email: uniqueEmail(), role: 'owner' });
    expect(await countOwners(db, org.id)).toBe(2);
    await updateConsoleUser(db, org.id, owner.id, { status: 'disabled' });
    expect(await countOwners(db, org.id)).toBe(1);
  });

  it('updates a user only through its own org', async () => {
    const { db } = database();
    const [org, other] = [await createTestOrg(db), await createTestOrg(db)];
    const user = await insertConsoleUser(db, org.id, { email: uniqueEmail(), role: 'auditor' });
    await updateConsoleUser(db, other.id, user.id, { role: 'owner' });
    expect((await getConsoleUser(db, org.id, user.id))?.role).toBe('auditor');
    await updateConsoleUser(db, org.id, user.id, { role: 'admin' });
    expect((await getConsoleUser(db, org.id, user.id))?.role).toBe('admin');
  });
});
