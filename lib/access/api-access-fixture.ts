import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { Db } from '@/db/client';
import { insertAdminApiToken } from '@/lib/api-tokens/store';
import { consents, mcpServers, revocationEntries, tokens, agents } from '@/db/schema';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { CLAUDE, granted, invoked, issued, registered, setup } from '@/lib/testing/builders';
import { AS_ISSUER, cloudEvent } from '@/lib/testing/events';
import { createSource } from '@/lib/sources/manage-sources';
import { createTestActor, createTestOrg } from '@/lib/testing/fixtures';
import type { Credential } from './access-table';

/**
 * Two orgs for the API access matrix: the first with an agent, a consent, tokens (one revoked, so
 * there is a revocation entry), an MCP server and a real source; admin API tokens of every kind
 * (live admin and auditor, revoked, expired); the second org with an admin token of its own.
 */
export async function seedTwoOrgs(db: Db) {
  const ctx = await setup(db);
  await ctx.send(registered(10), granted(20, ['issues:read', 'issues:write']));
  await ctx.send(issued(30, 'tok-live'), issued(31, 'tok-gone'));
  await ctx.send(cloudEvent('token.revoked', { token_ref: 'tok-gone', reason: 'test' }, 40));
  await ctx.send(invoked(50, { token_ref: 'tok-live' }));

  const orgId = ctx.org.id;
  const actor = await createTestActor(db, orgId);
  const source = await createSource(db, actor, {
    name: 'Access matrix AS',
    kind: 'authorization_server',
    issuer: AS_ISSUER,
    resource: undefined,
    revocation_webhook_url: undefined,
  });
  const make = async (role: 'admin' | 'auditor', orgActor = actor) =>
    (await createApiToken(db, orgActor, { name: `${role} token`, role, expiresInDays: null }))
      .token;
  const revoked = await createApiToken(db, actor, {
    name: 'revoked',
    role: 'admin',
    expiresInDays: null,
  });
  await revokeApiToken(db, actor, { tokenId: revoked.row.id, reason: null });
  const expired = `hub_expired${randomUUID().replaceAll('-', '')}`;
  await insertAdminApiToken(db, orgId, {
    name: 'expired',
    role: 'admin',
    token: expired,
    createdBy: actor.id,
    expiresAt: new Date(Date.now() - 60_000),
  });
  const other = await createTestOrg(db);
  const otherActor = await createTestActor(db, other.id);

  const one = async <T>(rows: Promise<T[]>) => (await rows)[0]!;
  const agent = await one(db.select().from(agents).where(eq(agents.orgId, orgId)));
  const consent = await one(db.select().from(consents).where(eq(consents.orgId, orgId)));
  const token = await one(
    db
      .select()
      .from(tokens)
      .where(and(eq(tokens.orgId, orgId), eq(tokens.tokenRef, 'tok-live'))),
  );
  const server = await one(db.select().from(mcpServers).where(eq(mcpServers.orgId, orgId)));
  const entry = await one(
    db.select().from(revocationEntries).where(eq(revocationEntries.orgId, orgId)),
  );

  const bearer: Partial<Record<Credential, string>> = {
    admin_token: await make('admin'),
    auditor_token: await make('auditor'),
    other_org_admin_token: await make('admin', otherActor),
    revoked_token: revoked.token,
    expired_token: expired,
    source_key: source.apiKey,
  };
  return {
    orgId,
    otherOrgId: other.id,
    bearer,
    signingSecret: source.signingSecret,
    ids: {
      agentId: agent.id,
      consentId: consent.id,
      tokenId: token.id,
      serverId: server.id,
      seq: String(entry.seq),
      sourceId: source.source.id,
    },
    outside: { issuer: AS_ISSUER, clientId: CLAUDE, sub: 'maya', tokenRef: 'tok-gone' },
  };
}

export type TwoOrgs = Awaited<ReturnType<typeof seedTwoOrgs>>;

/** Standard Webhooks headers for `body`, signed with the source's secret. */
export function signedHeaders(secret: string, body: string): Record<string, string> {
  const id = `msg_${randomUUID()}`;
  const at = new Date();
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}
