import type { Db } from '@/db/client';
import { revokeAdminApiToken } from '@/db/queries/api-tokens';
import { insertAdminApiToken } from './store';
import { insertAuditEvent } from '@/lib/audit/record';
import { adminAuditFields, type AuditActor } from '@/lib/audit/actor';
import type { ApiTokenRole } from '@/lib/constants';
import { generateCredential } from '@/lib/crypto/tokens';
import { ExpectedError } from '@/lib/errors';

/**
 * Makes an admin API token; the token itself is returned once and only its hash is kept. A
 * personal token works while its maker is active; an org service token (`service`, owners only)
 * outlives its maker, for automation that must not stop when a person leaves.
 */
export async function createApiToken(
  db: Db,
  actor: AuditActor,
  input: { name: string; role: ApiTokenRole; expiresInDays: number | null; service?: boolean },
) {
  const service = input.service ?? false;
  const token = generateCredential('hub_');
  const expiresAt = input.expiresInDays
    ? new Date(Date.now() + input.expiresInDays * 24 * 3600 * 1000)
    : null;
  const row = await db.transaction(async (tx) => {
    const created = await insertAdminApiToken(tx, actor.orgId, {
      name: input.name,
      role: input.role,
      token,
      createdBy: actor.id,
      service,
      expiresAt,
    });
    if (!created) throw new Error('token hash collision');
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'api_token.created',
      summary: `${actor.email} created ${service ? 'org service' : input.role} API token “${input.name}” (${created.prefix})${service ? ` with role ${input.role}` : ''}`,
      data: {
        tokenId: created.id,
        role: input.role,
        service,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
    });
    return created;
  });
  return { token, row };
}

export async function revokeApiToken(
  db: Db,
  actor: AuditActor,
  input: { tokenId: string; reason: string | null },
) {
  await db.transaction(async (tx) => {
    const revoked = await revokeAdminApiToken(tx, actor.orgId, input.tokenId);
    if (!revoked)
      throw new ExpectedError('not_found', 'That token does not exist or is already revoked.');
    await insertAuditEvent(tx, actor.orgId, {
      ...adminAuditFields(actor),
      type: 'api_token.revoked',
      reason: input.reason,
      summary: `${actor.email} revoked API token “${revoked.name}” (${revoked.prefix})`,
      data: { tokenId: revoked.id },
    });
  });
}
