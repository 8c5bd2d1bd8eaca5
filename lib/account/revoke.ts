import type { Db } from '@/db/client';
import { findMyActiveConsentIds, type Me } from '@/db/queries/account';
import { lockOrgState } from '@/db/queries/grant-revocation';
import type { AuditActor } from '@/lib/audit/actor';
import { ExpectedError } from '@/lib/errors';
import { insertEntries, type MadeEntry } from '@/lib/grant-state/entries';
import { revokeConsentIn, type ConsentRevocation } from '@/lib/grants/revoke-consent';

/**
 * An end user takes access back from their own page: a whole agent, or one permission. Both run
 * the console's consent revocation (same projections, revocation entries and audit rows), with
 * the person as actor, and only on consents found by the person's own (issuer, sub): an id from
 * another person's page is answered exactly like an id that does not exist.
 */

export type EndUser = Me & { name: string | null; email: string | null };

const REASON = 'Revoked by the end user on their account page';

function actorOf(user: EndUser, context: { ip: string | null; userAgent: string | null }) {
  return {
    type: 'user',
    id: user.sub,
    orgId: user.orgId,
    email: user.name ?? user.email ?? user.sub,
    ...context,
  } satisfies AuditActor;
}

/**
 * Every active consent of mine with this agent, in one transaction, and one `grant` entry
 * (issuer, client_id, sub): every token of the agent for me is refused.
 */
export function revokeAgentForMe(
  db: Db,
  user: EndUser,
  agentId: string,
  context: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<{ consents: ConsentRevocation[]; entries: MadeEntry[] }> {
  return db.transaction(async (tx) => {
    await lockOrgState(tx, user.orgId);
    const ids = await findMyActiveConsentIds(tx, user, { agentId });
    if (ids.length === 0)
      throw new ExpectedError('not_found', 'This agent has no access for you any more.');
    const actor = actorOf(user, context);
    const done: ConsentRevocation[] = [];
    for (const consentId of ids) {
      done.push(
        await revokeConsentIn(tx, actor, { consentId, reason: REASON, makeEntries: false }, now),
      );
    }
    // One entry for all of them: every token of the agent for me, whatever consent it came from.
    const { issuer, clientId, sub } = done[0]!.before;
    const entries = await insertEntries(
      tx,
      user.orgId,
      actor,
      [{ kind: 'grant', issuer, clientId, sub }],
      { revokedAt: now, reason: REASON },
    );
    return { consents: done, entries };
  });
}

/** One permission (scope) off one of my consents; the last one revokes the consent. */
export function removeMyPermission(
  db: Db,
  user: EndUser,
  input: { consentId: string; scope: string },
  context: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<ConsentRevocation> {
  return db.transaction(async (tx) => {
    await lockOrgState(tx, user.orgId);
    const [consentId] = await findMyActiveConsentIds(tx, user, { consentId: input.consentId });
    if (!consentId)
      throw new ExpectedError('not_found', 'This permission is not yours to remove, or is gone.');
    return revokeConsentIn(
      tx,
      actorOf(user, context),
      { consentId, reason: REASON, scopes: [input.scope] },
      now,
    );
  });
}
