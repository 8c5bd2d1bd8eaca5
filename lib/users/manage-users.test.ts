import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '@/db/queries/audit';
import { getConsoleUser, insertConsoleUser } from '@/db/queries/console-users';
import { verifyPassword } from '@/lib/crypto/password';
import { getPasswordHash } from '@/db/queries/console-users';
import { ExpectedError } from '@/lib/errors';
import { createTestOrg, setupTestDatabase, uniqueEmail } from '@/lib/testing/fixtures';
import {
  addConsoleUser,
  changeConsoleUserRole,
  removeConsoleUser,
  setConsoleUserStatus,
} from './manage-users';

const database = setupTestDatabase();

async function orgWithOwner() {
  const db = database().db;
  const org = await createTestOrg(db);
  const owner = await insertConsoleUser(db, org.id, { email: uniqueEmail('owner'), role: 'owner' });
  return {
    db,
    org,
    owner,
    actor: { id: owner.id, orgId: org.id, email: owner.email, ip: '127.0.0.1' },
  };
}

describe('console user management', () => {
  it('adds a user with a one-time password that verifies and must be replaced', async () => {
    const { db, org, actor } = await orgWithOwner();
    const email = uniqueEmail('new-admin');
    const { user, password } = await addConsoleUser(db, actor, {
      email: email.toUpperCase(),
      name: 'New Admin',
      role: 'admin',
      method: 'password',
    });
    expect(user.email).toBe(email);
    expect(user.passwordIsTemporary).toBe(true);
    expect(await verifyPassword(password!, (await getPasswordHash(db, org.id, user.id))!)).toBe(
      true,
    );
    const { items } = await listAuditEvents(db, org.id, {
      limit: 5,
      filter: { type: 'user.created' },
    });
    expect(items[0]).toMatchObject({ actorId: actor.id, ip: '127.0.0.1' });
  });

  it('refuses a second account with the same email, in any case', async () => {
    const { db, actor } = await orgWithOwner();
    const email = uniqueEmail('twice');
    await addConsoleUser(db, actor, { email, name: null, role: 'auditor', method: 'sso' });
    await expect(
      addConsoleUser(db, actor, {
        email: email.toUpperCase(),
        name: null,
        role: 'admin',
        method: 'sso',
      }),
    ).rejects.toThrow(ExpectedError);
  });

  it('never lets an owner change, disable or remove their own account', async () => {
    const { db, actor, owner } = await orgWithOwner();
    await expect(
      changeConsoleUserRole(db, actor, { userId: owner.id, role: 'admin', reason: null }),
    ).rejects.toThrow(/your own account/);
    await expect(
      setConsoleUserStatus(db, actor, { userId: owner.id, status: 'disabled', reason: null }),
    ).rejects.toThrow(/your own account/);
    await expect(removeConsoleUser(db, actor, { userId: owner.id, reason: null })).rejects.toThrow(
      /your own account/,
    );
  });

  it('keeps at least one active owner', async () => {
    const { db, org, actor, owner } = await orgWithOwner();
    const { user: second } = await addConsoleUser(db, actor, {
      email: uniqueEmail('second'),
      name: null,
      role: 'owner',
      method: 'sso',
    });
    // The second owner demotes the first: allowed, one owner remains.
    const secondActor = { id: second.id, orgId: org.id, email: second.email };
    await changeConsoleUserRole(db, secondActor, {
      userId: owner.id,
      role: 'auditor',
      reason: 'handover',
    });
    expect((await getConsoleUser(db, org.id, owner.id))?.role).toBe('auditor');
    // Now the second owner is the last one: nobody may demote, disable or remove them.
    const { user: admin } = await addConsoleUser(db, secondActor, {
      email: uniqueEmail('admin'),
      name: null,
      role: 'admin',
      method: 'sso',
    });
    const adminActor = { id: admin.id, orgId: org.id, email: admin.email };
    await expect(
      changeConsoleUserRole(db, adminActor, { userId: second.id, role: 'admin', reason: null }),
    ).rejects.toThrow(/last active owner/);
    await expect(
      setConsoleUserStatus(db, adminActor, { userId: second.id, status: 'disabled', reason: null }),
    ).rejects.toThrow(/last active owner/);
    await expect(
      removeConsoleUser(db, adminActor, { userId: second.id, reason: null }),
    ).rejects.toThrow(/last active owner/);
    expect((await getConsoleUser(db, org.id, second.id))?.status).toBe('active');
  });

  it('audits each change with its reason, and a refused change writes nothing', async () => {
    const { db, org, actor } = await orgWithOwner();
    const { user } = await addConsoleUser(db, actor, {
      email: uniqueEmail('target'),
      name: null,
      role: 'admin',
      method: 'sso',
    });
    await setConsoleUserStatus(db, actor, {
      userId: user.id,
      status: 'disabled',
      reason: 'left the company',
    });
    await expect(
      setConsoleUserStatus(db, actor, { userId: user.id, status: 'disabled', reason: 'again' }),
    ).rejects.toThrow(/already/);
    const { items } = await listAuditEvents(db, org.id, {
      limit: 10,
      filter: { type: 'user.disabled' },
    });
    expect(items).toHaveLength(1);
    await removeConsoleUser(db, actor, { userId: user.id, reason: 'cleanup' });
    expect(await getConsoleUser(db, org.id, user.id)).toBeNull();
  });

  it('cannot touch a user of another org', async () => {
    const { db, actor } = await orgWithOwner();
    const other = await orgWithOwner();
    const { user } = await addConsoleUser(db, other.actor, {
      email: uniqueEmail('elsewhere'),
      name: null,
      role: 'admin',
      method: 'sso',
    });
    await expect(removeConsoleUser(db, actor, { userId: user.id, reason: null })).rejects.toThrow(
      /does not exist/,
    );
    expect(await getConsoleUser(db, other.org.id, user.id)).not.toBeNull();
  });
});
