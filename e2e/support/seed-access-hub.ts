// Run as its own process (`node --import tsx`) before the access hub starts on the same database:
// the embedded database belongs to one process at a time. Makes the two orgs of
// e2e/access.spec.ts and prints what it made as one JSON line.
import { randomUUID } from 'node:crypto';
import { insertAdminApiToken } from '@/lib/api-tokens/store';
import { insertConsoleUser } from '@/db/queries/console-users';
import { createOrg, ensureDefaultOrg } from '@/db/queries/orgs';
import { openDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/manage-api-tokens';
import type { AuditActor } from '@/lib/audit/actor';
import { loadConfig } from '@/lib/config/env';
import { hashPassword } from '@/lib/crypto/password';
import { createSource } from '@/lib/sources/manage-sources';
import { addConsoleUser } from '@/lib/users/manage-users';
import { accessAccounts } from './access-accounts';

const database = openDatabase(loadConfig());
await runMigrations(database);
const db = database.db;
const org = await ensureDefaultOrg(db);
const other = await createOrg(db, { slug: 'other-org', name: 'Other org' });

const users: Record<string, string> = {};
for (const [key, account] of Object.entries(accessAccounts)) {
  const orgId = key === 'other_org_admin' ? other.id : org.id;
  const user = await insertConsoleUser(db, orgId, {
    email: account.email,
    role: account.role,
    passwordHash: await hashPassword(account.password),
    passwordIsTemporary: false,
  });
  users[key] = user.id;
}
const actor: AuditActor = { id: users.owner!, orgId: org.id, email: accessAccounts.owner.email };
const otherActor = { id: users.other_org_admin!, orgId: other.id, email: 'other admin' };

const token = async (role: 'admin' | 'auditor', by = actor) =>
  (await createApiToken(db, by, { name: `${role} token`, role, expiresInDays: null })).token;
const revoked = await createApiToken(db, actor, {
  name: 'revoked',
  role: 'admin',
  expiresInDays: 1,
});
await revokeApiToken(db, actor, { tokenId: revoked.row.id, reason: 'access spec' });
const expired = `hub_expired${randomUUID().replaceAll('-', '')}`;
await insertAdminApiToken(db, org.id, {
  name: 'expired',
  role: 'admin',
  token: expired,
  createdBy: actor.id,
  expiresAt: new Date(Date.now() - 60_000),
});
const source = await createSource(db, actor, {
  name: 'Access spec AS',
  kind: 'authorization_server',
  // The AS of the demo's end users: the access data grants them consents (access-data.ts).
  issuer: 'https://login.acme-demo.example',
  resource: undefined,
  revocation_webhook_url: undefined,
});
const mcp = await createSource(db, actor, {
  name: 'Access spec MCP',
  kind: 'mcp_server',
  issuer: undefined,
  resource: 'https://mcp.access.example',
  revocation_webhook_url: undefined,
});
const oneTime = await addConsoleUser(db, actor, {
  email: 'newcomer@access.test',
  name: null,
  role: 'auditor',
  method: 'password',
});

console.log(
  JSON.stringify({
    orgId: org.id,
    otherOrgId: other.id,
    bearer: {
      admin_token: await token('admin'),
      auditor_token: await token('auditor'),
      other_org_admin_token: await token('admin', otherActor),
      revoked_token: revoked.token,
      expired_token: expired,
      source_key: source.apiKey,
    },
    source: { id: source.source.id, secret: source.signingSecret },
    mcp: { id: mcp.source.id, secret: mcp.signingSecret, key: mcp.apiKey },
    oneTimePassword: oneTime.password,
  }),
);
await database.close();
