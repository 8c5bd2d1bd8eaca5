import { describe, expect, it } from 'vitest';
import { listAdminApiTokens } from '@/db/queries/api-tokens';
import { findLiveAdminApiToken, insertAdminApiToken } from './store';
import {
  deleteConsoleUser,
  insertConsoleUser,
  updateConsoleUser,
} from '@/db/queries/console-users';
import { createTestOrg, setupTestDatabase, uniqueEmail } from '@/lib/testing/fixtures';
import { createApiToken, revokeApiToken } from './manage-api-tokens';

const database = setupTestDatabase();

describe('admin API tokens', () => {
  it('are shown once, stored as a hash, found while live and refused once revoked', async () => {
    const db = database().db;
    const org = await createTestOrg(db);
    const admin = await insertConsoleUser(db, org.id, {
      email: uniqueEmail('admin'),
      role: 'admin',
    });
    const actor = { id: admin.id, orgId: org.id, email: admin.email };

    const { token, row } = await createApiToken(db, actor, {
      name: 'SIEM export',
      role: 'auditor',
      expiresInDays: 30,
    });
    expect(token).toMatch(/^hub_[A-Za-z0-9_-]{43}$/);
    const listed = await listAdminApiTokens(db, org.id);
    expect(JSON.stringify(listed)).not.toContain(token.slice(8));
    expect(await findLiveAdminApiToken(db, token)).toMatchObject({
      id: row.id,
      orgId: org.id,
      role: 'auditor',
    });

    await revokeApiToken(db, actor, { tokenId: row.id, reason: 'rotated' });
    expect(await findLiveAdminApiToken(db, token)).toBeNull();
    await expect(revokeApiToken(db, actor, { tokenId: row.id, reason: null })).rejects.toThrow(
      /already revoked/,
    );
  });

  it('stop working while the user who made them is disabled, and once that user is removed', async () => {
    const db = database().db;
    const org = await createTestOrg(db);
    const admin = await insertConsoleUser(db, org.id, {
      email: uniqueEmail('admin'),
      role: 'admin',
    });
    const actor = { id: admin.id, orgId: org.id, email: admin.email };
    const { token } = await createApiToken(db, actor, {
      name: 'ci',
      role: 'admin',
      expiresInDays: null,
    });
    const hubMade = `hub_${'h'.repeat(43)}`;
    await insertAdminApiToken(db, org.id, {
      name: 'init',
      role: 'admin',
      token: hubMade,
      createdBy: null,
    });
    expect(await findLiveAdminApiToken(db, token)).not.toBeNull();

    await updateConsoleUser(db, org.id, admin.id, { status: 'disabled' });
    expect(await findLiveAdminApiToken(db, token)).toBeNull();
    await updateConsoleUser(db, org.id, admin.id, { status: 'active' });
    expect(await findLiveAdminApiToken(db, token)).not.toBeNull();
    await deleteConsoleUser(db, org.id, admin.id);
    expect(await findLiveAdminApiToken(db, token)).toBeNull();
    expect(await findLiveAdminApiToken(db, hubMade)).toMatchObject({ orgId: org.id, name: 'init' });
  });

  it('keep working as an org service token after the owner who made it is removed', async () => {
    const db = database().db;
    const org = await createTestOrg(db);
    const owner = await insertConsoleUser(db, org.id, {
      email: uniqueEmail('owner'),
      role: 'owner',
    });
    const actor = { id: owner.id, orgId: org.id, email: owner.email };
    const { token, row } = await createApiToken(db, actor, {
      name: 'siem',
      role: 'auditor',
      expiresInDays: null,
      service: true,
    });
    expect(row.service).toBe(true);
    await deleteConsoleUser(db, org.id, owner.id);
    expect(await findLiveAdminApiToken(db, token)).toMatchObject({ orgId: org.id, name: 'siem' });
    const [listed] = await listAdminApiTokens(db, org.id);
    expect(listed).toMatchObject({ service: true, creatorEmail: null });
  });

  it('stop working when they expire', async () => {
    const db = database().db;
    const org = await createTestOrg(db);
    const admin = await insertConsoleUser(db, org.id, {
      email: uniqueEmail('admin'),
      role: 'admin',
    });
    const { token } = await createApiToken(
      db,
      { id: admin.id, orgId: org.id, email: admin.email },
      { name: 'short', role: 'admin', expiresInDays: -1 },
    );
    expect(await findLiveAdminApiToken(db, token)).toBeNull();
  });

  it('cannot be revoked from another org', async () => {
    const db = database().db;
    const [a, b] = [await createTestOrg(db), await createTestOrg(db)];
    const userA = await insertConsoleUser(db, a.id, { email: uniqueEmail('a'), role: 'admin' });
    const userB = await insertConsoleUser(db, b.id, { email: uniqueEmail('b'), role: 'admin' });
    const { token, row } = await createApiToken(
      db,
      { id: userA.id, orgId: a.id, email: userA.email },
      { name: 'a', role: 'admin', expiresInDays: null },
    );
    await expect(
      revokeApiToken(
        db,
        { id: userB.id, orgId: b.id, email: userB.email },
        { tokenId: row.id, reason: null },
      ),
    ).rejects.toThrow();
    expect(await findLiveAdminApiToken(db, token)).not.toBeNull();
  });
});
