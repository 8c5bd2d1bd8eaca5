import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ApiTokenRole } from '../schema/values';
import type { Executor } from '../client';
import { adminApiTokens, consoleUsers } from '../schema';

export const adminApiTokenColumns = {
  id: adminApiTokens.id,
  name: adminApiTokens.name,
  role: adminApiTokens.role,
  prefix: adminApiTokens.prefix,
  createdBy: adminApiTokens.createdBy,
  service: adminApiTokens.service,
  createdAt: adminApiTokens.createdAt,
  expiresAt: adminApiTokens.expiresAt,
  lastUsedAt: adminApiTokens.lastUsedAt,
  revokedAt: adminApiTokens.revokedAt,
};

/** The org's tokens with who made each and whether that person still has access. */
export async function listAdminApiTokens(db: Executor, orgId: string) {
  return db
    .select({
      ...adminApiTokenColumns,
      creatorEmail: consoleUsers.email,
      creatorStatus: consoleUsers.status,
    })
    .from(adminApiTokens)
    .leftJoin(
      consoleUsers,
      and(eq(consoleUsers.id, adminApiTokens.createdBy), eq(consoleUsers.orgId, orgId)),
    )
    .where(eq(adminApiTokens.orgId, orgId))
    .orderBy(desc(adminApiTokens.createdAt));
}

export async function insertAdminApiTokenRow(
  db: Executor,
  orgId: string,
  input: {
    name: string;
    role: ApiTokenRole;
    tokenHash: string;
    prefix: string;
    createdBy: string | null;
    service?: boolean;
    expiresAt?: Date | null;
  },
) {
  const [row] = await db
    .insert(adminApiTokens)
    .values({
      orgId,
      name: input.name,
      role: input.role,
      tokenHash: input.tokenHash,
      prefix: input.prefix,
      createdBy: input.createdBy,
      service: input.service ?? false,
      expiresAt: input.expiresAt ?? null,
    })
    .onConflictDoNothing({ target: adminApiTokens.tokenHash })
    .returning(adminApiTokenColumns);
  return row ?? null;
}

/**
 * The org and role of a presented token, if it is live. The token itself names its org, so this
 * look-up by hash is the one not scoped by org.
 */
export async function findLiveAdminApiTokenByHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({
      id: adminApiTokens.id,
      orgId: adminApiTokens.orgId,
      role: adminApiTokens.role,
      name: adminApiTokens.name,
    })
    .from(adminApiTokens)
    .where(
      and(
        eq(adminApiTokens.tokenHash, tokenHash),
        isNull(adminApiTokens.revokedAt),
        sql`(${adminApiTokens.expiresAt} is null or ${adminApiTokens.expiresAt} > now())`,
        // A token made by a console user dies with that user's access (removed or disabled);
        // org service tokens and tokens the hub made itself (created_by null, e.g.
        // HUB_INIT_ADMIN_API_TOKEN) do not.
        sql`(${adminApiTokens.service} or ${adminApiTokens.createdBy} is null or exists (
          select 1 from ${consoleUsers}
          where ${consoleUsers.id} = ${adminApiTokens.createdBy}
            and ${consoleUsers.orgId} = ${adminApiTokens.orgId}
            and ${consoleUsers.status} = 'active'))`,
      ),
    );
  return row ?? null;
}

export async function touchAdminApiToken(
  db: Executor,
  orgId: string,
  tokenId: string,
): Promise<void> {
  // Once a minute is precise enough for "last used" and keeps API calls from writing every time.
  await db
    .update(adminApiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(adminApiTokens.orgId, orgId),
        eq(adminApiTokens.id, tokenId),
        sql`(${adminApiTokens.lastUsedAt} is null or ${adminApiTokens.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
}

export async function revokeAdminApiToken(db: Executor, orgId: string, tokenId: string) {
  const [row] = await db
    .update(adminApiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(adminApiTokens.orgId, orgId),
        eq(adminApiTokens.id, tokenId),
        isNull(adminApiTokens.revokedAt),
      ),
    )
    .returning(adminApiTokenColumns);
  return row ?? null;
}
