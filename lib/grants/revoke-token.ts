import type { Db } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { getFamilyRevocation, lockOrgState } from '@/db/queries/grant-revocation';
import { getToken, type TokenDetail } from '@/db/queries/tokens';
import { adminAuditFields, type AuditActor } from '@/lib/audit/actor';
import { ExpectedError } from '@/lib/errors';
import { applyGrantChange } from '@/lib/grant-state/apply';
import { insertEntries, type MadeEntry } from '@/lib/grant-state/entries';

export type RevokeTokenInput = { tokenId: string; reason: string; family: boolean };

export type TokenRevocation = { before: TokenDetail; token: TokenDetail; entries: MadeEntry[] };

const endedBy: Record<string, string> = {
  token: 'its own revocation',
  family: 'its family’s revocation',
  agent: 'its agent’s deletion',
  consent: 'the end of its consent',
};

/**
 * An admin revokes a token, or its whole refresh family, in one transaction: applied by
 * lib/grant-state exactly as an ingested token.revoked (the token's own end, earliest wins) or
 * family revocation (token_family_revocations, which also reaches family members reported later),
 * then a `token` or `family` revocation entry and the audit row.
 */
export async function revokeToken(
  db: Db,
  actor: AuditActor,
  input: RevokeTokenInput,
  now = new Date(),
): Promise<TokenRevocation> {
  const orgId = actor.orgId;
  return db.transaction(async (tx) => {
    await lockOrgState(tx, orgId);
    const before = await getToken(tx, orgId, input.tokenId, now);
    if (!before)
      throw new ExpectedError('not_found', 'No token with this id in your organization.');
    const familyId = before.familyId;
    let entries: MadeEntry[];
    if (input.family) {
      if (!familyId) {
        const message = 'This token belongs to no refresh family.';
        throw new ExpectedError('invalid', message, { errors: [{ path: '/family', message }] });
      }
      if (before.familyRevokedAt || (await getFamilyRevocation(tx, orgId, familyId))) {
        throw new ExpectedError(
          'conflict',
          'This token’s family is already revoked; nothing was changed.',
        );
      }
      await applyGrantChange({
        tx,
        orgId,
        familyEnds: [{ familyId, revokedAt: now, reason: input.reason }],
      });
      entries = await insertEntries(tx, orgId, actor, [{ kind: 'family', familyId }], {
        revokedAt: now,
        reason: input.reason,
      });
    } else {
      if (before.revokedAt) {
        throw new ExpectedError(
          'conflict',
          `This token is already revoked (by ${endedBy[before.revokedBy ?? ''] ?? 'an earlier revocation'}); nothing was changed.`,
        );
      }
      await applyGrantChange({
        tx,
        orgId,
        tokenEnds: [{ tokenRef: before.tokenRef, at: now, reason: input.reason }],
      });
      entries = await insertEntries(
        tx,
        orgId,
        actor,
        [{ kind: 'token', tokenRef: before.tokenRef }],
        { revokedAt: now, reason: input.reason },
      );
    }
    const token = (await getToken(tx, orgId, before.id, now))!;
    const agent = before.agentName ?? before.clientId ?? 'an unknown agent';
    await insertAuditEvent(tx, orgId, {
      ...adminAuditFields(actor),
      occurredAt: now,
      type: input.family ? 'admin.token.family_revoked' : 'admin.token.revoked',
      reason: input.reason,
      summary: input.family
        ? `${actor.email} revoked the refresh family ${familyId} of ${agent}`
        : `${actor.email} revoked a ${before.tokenType?.replace('_', ' ') ?? 'token'} of ${agent}`,
      agentId: before.agentId,
      issuer: before.issuer,
      clientId: before.clientId,
      subjectId: before.subjectId,
      sub: before.sub,
      resource: before.resource,
      tokenRef: before.tokenRef,
      data: {
        tokenId: before.id,
        tokenRef: before.tokenRef,
        familyId,
        before: { state: before.state, revokedAt: before.revokedAt?.toISOString() ?? null },
        after: { state: token.state, revokedAt: token.revokedAt?.toISOString() ?? null },
        revocationEntries: entries.map((e) => ({ seq: e.seq.toString(), kind: e.kind })),
      },
    });
    return { before, token, entries };
  });
}
