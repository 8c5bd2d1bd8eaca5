import type { HubConfig } from '@/lib/config/env';
import { generatePassword, hashPassword } from '@/lib/crypto/password';
import type { Db } from '@/db/client';
import { insertAdminApiToken } from '@/lib/api-tokens/store';
import { insertAuditEvent } from '@/lib/audit/record';
import { ensureAuditPartitions } from '@/db/queries/audit-partitions';
import { countOwners, findUserByEmailInOrg, insertConsoleUser } from '@/db/queries/console-users';
import { ensureDefaultOrg, isEmptyHub, setOrgDemoMode } from '@/db/queries/orgs';

export const GENERATED_OWNER_EMAIL = 'owner@agent-hub.local';

export type BootstrapResult = {
  orgId: string;
  /** set only on the start that created the owner with a generated password */
  oneTimePassword: { email: string; password: string } | null;
  demo: boolean;
};

const system = { actorType: 'system' as const, actorId: 'hub', actorLabel: 'Hub start-up' };

/** Everything a start makes sure of before serving: the default org, its owner, partitions. */
export async function bootstrap(
  db: Db,
  config: HubConfig,
  embedded: boolean,
): Promise<BootstrapResult> {
  const wasEmpty = await isEmptyHub(db);
  const org = await ensureDefaultOrg(db);
  await ensureAuditPartitions(db, { monthsBack: 1, monthsAhead: 3 });

  let oneTimePassword: BootstrapResult['oneTimePassword'] = null;
  const ownerEmail = config.adminEmail ?? GENERATED_OWNER_EMAIL;
  // Only an org with no owner gets one: a bootstrap owner that another owner removed must not
  // come back at the next restart. The email check keeps a disabled holder of that address from
  // making the insert fail.
  const needsOwner =
    (await countOwners(db, org.id)) === 0 && !(await findUserByEmailInOrg(db, org.id, ownerEmail));
  if (needsOwner) {
    const password = config.adminPassword ?? generatePassword();
    await db.transaction(async (tx) => {
      const user = await insertConsoleUser(tx, org.id, {
        email: ownerEmail,
        role: 'owner',
        passwordHash: await hashPassword(password),
        passwordIsTemporary: config.adminPassword === null,
      });
      await insertAuditEvent(tx, org.id, {
        ...system,
        type: 'user.created',
        summary: `Owner account ${user.email} created at start-up`,
        data: {
          userId: user.id,
          email: user.email,
          role: 'owner',
          from: config.adminEmail ? 'HUB_ADMIN_EMAIL' : 'generated',
        },
      });
    });
    if (config.adminPassword === null) oneTimePassword = { email: ownerEmail, password };
  }

  if (config.initAdminApiToken) {
    await db.transaction(async (tx) => {
      const created = await insertAdminApiToken(tx, org.id, {
        name: 'HUB_INIT_ADMIN_API_TOKEN',
        role: 'admin',
        token: config.initAdminApiToken!,
        createdBy: null,
      });
      if (created) {
        await insertAuditEvent(tx, org.id, {
          ...system,
          type: 'api_token.created',
          summary: `Admin API token ${created.prefix} created from HUB_INIT_ADMIN_API_TOKEN`,
          data: { tokenId: created.id, role: 'admin' },
        });
      }
    });
  }

  const demo = config.demo ?? (embedded && wasEmpty ? true : org.demoMode);
  if (demo !== org.demoMode) await setOrgDemoMode(db, org.id, demo);
  return { orgId: org.id, oneTimePassword, demo };
}
