import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findLiveAdminApiToken } from '@/lib/api-tokens/store';
import { listAuditPartitions, partitionName } from '@/db/queries/audit-partitions';
import {
  countOwners,
  deleteConsoleUser,
  findUserByEmailInOrg,
  insertConsoleUser,
} from '@/db/queries/console-users';
import { ensureDefaultOrg, getOrg } from '@/db/queries/orgs';
import { adminApiTokens, auditEvents } from '@/db/schema';
import { loadConfig } from '@/lib/config/env';
import { verifyPassword } from '@/lib/crypto/password';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { bootstrap, GENERATED_OWNER_EMAIL } from './bootstrap';

// bootstrap works on the default org and a global owner email, so each scenario gets its own
// database, and the tests inside a scenario run in order on it.

describe('bootstrap of an embedded hub with no admin configured', () => {
  const database = setupTestDatabase();
  const config = loadConfig({}, '/srv/hub');

  it('creates an owner with a one-time password on the first start', async () => {
    const { db } = database();
    const result = await bootstrap(db, config, true);
    expect(result.oneTimePassword?.email).toBe(GENERATED_OWNER_EMAIL);
    expect(result.demo).toBe(true);
    const owner = await findUserByEmailInOrg(
      db,
      (await ensureDefaultOrg(db)).id,
      GENERATED_OWNER_EMAIL,
    );
    expect(owner).toMatchObject({
      orgId: result.orgId,
      role: 'owner',
      status: 'active',
      passwordIsTemporary: true,
    });
    expect(await verifyPassword(result.oneTimePassword!.password, owner!.passwordHash!)).toBe(true);
    expect(await verifyPassword('something else', owner!.passwordHash!)).toBe(false);

    const audit = await db
      .select({ type: auditEvents.type, orgId: auditEvents.orgId })
      .from(auditEvents)
      .where(eq(auditEvents.type, 'user.created'));
    expect(audit).toEqual([{ type: 'user.created', orgId: result.orgId }]);
  });

  it('keeps the demo it started on the empty hub after a restart', async () => {
    const { db } = database();
    const result = await bootstrap(db, config, true);
    expect(result.demo).toBe(true);
    expect((await getOrg(db, result.orgId))?.demoMode).toBe(true);
  });

  it('creates no second owner and shows no password on later starts', async () => {
    const { db } = database();
    const result = await bootstrap(db, config, true);
    expect(result.oneTimePassword).toBeNull();
    expect(await countOwners(db, result.orgId)).toBe(1);
  });

  it('turns the demo off when HUB_DEMO=0', async () => {
    const { db } = database();
    const result = await bootstrap(db, loadConfig({ HUB_DEMO: '0' }, '/srv/hub'), true);
    expect(result.demo).toBe(false);
    expect((await getOrg(db, result.orgId))?.demoMode).toBe(false);
  });

  it('creates the audit partition of the current month and the ones ahead', async () => {
    const now = new Date();
    const month = (offset: number) =>
      partitionName(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)));
    const partitions = await listAuditPartitions(database().db);
    for (const offset of [-1, 0, 1, 2, 3]) expect(partitions).toContain(month(offset));
  });
});

describe('bootstrap with HUB_ADMIN_EMAIL, HUB_ADMIN_PASSWORD and HUB_INIT_ADMIN_API_TOKEN', () => {
  const database = setupTestDatabase();
  const token = `hub_${'x'.repeat(20)}${'Y'.repeat(20)}`;
  const config = loadConfig(
    {
      HUB_ADMIN_EMAIL: 'Admin@Example.com',
      HUB_ADMIN_PASSWORD: 'a long enough password',
      HUB_INIT_ADMIN_API_TOKEN: token,
      HUB_DEMO: '0',
    },
    '/srv/hub',
  );

  it('creates the configured owner with a permanent password and no demo', async () => {
    const { db } = database();
    const result = await bootstrap(db, config, true);
    expect(result.oneTimePassword).toBeNull();
    expect(result.demo).toBe(false);
    const owner = await findUserByEmailInOrg(
      db,
      (await ensureDefaultOrg(db)).id,
      'admin@example.com',
    );
    expect(owner).toMatchObject({
      email: 'admin@example.com',
      role: 'owner',
      passwordIsTemporary: false,
    });
    expect(await verifyPassword('a long enough password', owner!.passwordHash!)).toBe(true);
    expect(
      await findUserByEmailInOrg(db, (await ensureDefaultOrg(db)).id, GENERATED_OWNER_EMAIL),
    ).toBeNull();
  });

  it('creates the initial API token once, however often the hub starts', async () => {
    const { db } = database();
    const second = await bootstrap(db, config, true);
    expect(second.oneTimePassword).toBeNull();
    expect(await countOwners(db, second.orgId)).toBe(1);

    const tokens = await db.select().from(adminApiTokens);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ orgId: second.orgId, role: 'admin', revokedAt: null });
    expect(JSON.stringify(tokens)).not.toContain(token);
    expect(await findLiveAdminApiToken(db, token)).toMatchObject({
      orgId: second.orgId,
      role: 'admin',
      name: 'HUB_INIT_ADMIN_API_TOKEN',
    });
    expect(await findLiveAdminApiToken(db, `${token}z`)).toBeNull();

    const audit = await db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.type, 'api_token.created'));
    expect(audit).toHaveLength(1);
  });

  it('does not bring the configured owner back once another owner removed it', async () => {
    const { db } = database();
    const removed = (await findUserByEmailInOrg(
      db,
      (await ensureDefaultOrg(db)).id,
      'admin@example.com',
    ))!;
    await insertConsoleUser(db, removed.orgId, { email: 'next-owner@example.com', role: 'owner' });
    await deleteConsoleUser(db, removed.orgId, removed.id);

    const result = await bootstrap(db, config, true);
    expect(result.oneTimePassword).toBeNull();
    expect(
      await findUserByEmailInOrg(db, (await ensureDefaultOrg(db)).id, 'admin@example.com'),
    ).toBeNull();
    expect(await countOwners(db, result.orgId)).toBe(1);
  });
});

describe('bootstrap of a hub on PostgreSQL', () => {
  const database = setupTestDatabase();

  it('does not start the demo on its own, even when empty', async () => {
    const { db } = database();
    const result = await bootstrap(db, loadConfig({}, '/srv/hub'), false);
    expect(result.demo).toBe(false);
    expect((await getOrg(db, result.orgId))?.demoMode).toBe(false);
    expect(result.oneTimePassword?.email).toBe(GENERATED_OWNER_EMAIL);
  });
});
