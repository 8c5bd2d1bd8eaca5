import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { getConsent, type ConsentDetail } from '@/db/queries/consents';
import {
  countOtherActiveConsents,
  listLiveConsentTokens,
  lockOrgState,
} from '@/db/queries/grant-revocation';
import type { GrantRevocationRow } from '@/db/queries/ingestion/consents';
import { adminAuditFields, type AuditActor } from '@/lib/audit/actor';
import { ExpectedError } from '@/lib/errors';
import { applyGrantChange } from '@/lib/grant-state/apply';
import {
  adminActor,
  insertEntries,
  tokenEntriesOf,
  type MadeEntry,
} from '@/lib/grant-state/entries';

export type RevokeConsentInput = {
  consentId: string;
  reason: string;
  /** only these scopes; null or empty for the whole consent */
  scopes?: readonly string[] | null;
  /** false when a broader entry made alongside (a `subject` entry) already refuses its tokens */
  makeEntries?: boolean;
};

export type ConsentRevocation = {
  before: ConsentDetail;
  consent: ConsentDetail;
  /** the scopes taken away */
  removed: string[];
  entries: MadeEntry[];
};

/** `admin.consent.revoked` from the console or the API, `user.consent.revoked` from /account. */
const actorPrefix = (actor: AuditActor) => (actor.type === 'user' ? 'user' : 'admin');

const describeScopes = (scopes: readonly string[]) =>
  scopes.length <= 5
    ? scopes.join(' ')
    : `${scopes.slice(0, 5).join(' ')} and ${scopes.length - 5} more`;

/**
 * An admin revokes a consent, or some of its scopes, in one transaction:
 *
 * 1. stored as a grant_revocations row, exactly like an ingested consent.revoked, and replayed
 *    by the same replay as ingested ones, lib/grant-state (so a token of this consent that arrives later is ended too);
 * 2. when only some scopes go, the consent's live tokens carrying one of them are revoked (their
 *    family when they have one), since a token cannot lose scopes;
 * 3. revocation entries for servers (see README.md) and the audit row.
 *
 * Refusals (ExpectedError) change nothing: unknown id (`not_found`), already revoked
 * (`conflict`), scopes the consent does not hold (`invalid`, naming them).
 */
export function revokeConsent(
  db: Db,
  actor: AuditActor,
  input: RevokeConsentInput,
  now = new Date(),
): Promise<ConsentRevocation> {
  return db.transaction(async (tx) => {
    await lockOrgState(tx, actor.orgId);
    return revokeConsentIn(tx, actor, input, now);
  });
}

/**
 * revokeConsent inside a transaction that already holds the org's lock: an end user revoking an
 * agent revokes each of its consents in one.
 */
export async function revokeConsentIn(
  tx: Tx,
  actor: AuditActor,
  input: RevokeConsentInput,
  now: Date,
): Promise<ConsentRevocation> {
  const orgId = actor.orgId;
  const before = await getConsent(tx, orgId, input.consentId, now);
  if (!before)
    throw new ExpectedError('not_found', 'No consent with this id in your organization.');
  if (before.state === 'revoked') {
    throw new ExpectedError('conflict', 'This consent is already revoked; nothing was changed.');
  }
  let scopes = input.scopes?.length ? [...new Set(input.scopes)] : null;
  if (scopes) {
    const unknown = scopes.filter((s) => !before.scopes.includes(s));
    if (unknown.length > 0) {
      const message = `Not scopes of this consent: ${unknown.join(', ')}`;
      throw new ExpectedError('invalid', message, { errors: [{ path: '/scopes', message }] });
    }
    // Taking every scope away is revoking the consent.
    if (scopes.length === before.scopes.length) scopes = null;
  }
  const whole = scopes === null;
  const removed = scopes ?? before.scopes;

  const live = await listLiveConsentTokens(tx, orgId, before, now, scopes);
  const onlyGrant =
    whole &&
    (await countOtherActiveConsents(
      tx,
      orgId,
      { agentId: before.agentId, subjectId: before.subjectId, exceptId: before.id },
      now,
    )) === 0;

  const revocation: GrantRevocationRow = {
    id: randomUUID(),
    agentId: before.agentId,
    subjectId: before.subjectId,
    consentKey: before.key,
    resource: null,
    scopes,
    occurredAt: now,
    eventType: `${actorPrefix(actor)}.consent.revoked`,
    reason: input.reason,
    actor: adminActor(actor),
    sourceEventId: null,
  };
  const { families, loose } = tokenEntriesOf(live);
  const tokenEnd = {
    at: now,
    reason: `permissions removed (${describeScopes(removed)}): ${input.reason}`,
  };
  // The same replay and token recomputation as an ingested batch's (lib/grant-state).
  await applyGrantChange({
    tx,
    orgId,
    revocations: [revocation],
    tokenEnds: whole ? [] : loose.map((tokenRef) => ({ tokenRef, ...tokenEnd })),
    familyEnds: whole
      ? []
      : families.map((familyId) => ({ familyId, revokedAt: now, reason: tokenEnd.reason })),
  });

  const entries =
    input.makeEntries === false
      ? []
      : await insertEntries(
          tx,
          orgId,
          actor,
          onlyGrant
            ? [{ kind: 'grant', issuer: before.issuer, clientId: before.clientId, sub: before.sub }]
            : [
                ...families.map((familyId) => ({ kind: 'family' as const, familyId })),
                ...loose.map((tokenRef) => ({ kind: 'token' as const, tokenRef })),
              ],
          { revokedAt: now, reason: input.reason },
        );
  const consent = (await getConsent(tx, orgId, before.id, now))!;
  const who = before.subjectName ?? before.sub;
  const agent = before.agentName ?? before.clientId;
  await insertAuditEvent(tx, orgId, {
    ...adminAuditFields(actor),
    occurredAt: now,
    type: `${actorPrefix(actor)}.consent.${whole ? 'revoked' : 'narrowed'}`,
    reason: input.reason,
    summary: whole
      ? `${actor.email} revoked the consent of ${who} for ${agent}`
      : `${actor.email} removed ${describeScopes(removed)} from the consent of ${who} for ${agent}`,
    agentId: before.agentId,
    issuer: before.issuer,
    clientId: before.clientId,
    subjectId: before.subjectId,
    sub: before.sub,
    resource: before.resource,
    data: {
      consentId: before.id,
      removed,
      before: { status: before.state, scopes: before.scopes },
      after: { status: consent.state, scopes: consent.scopes },
      tokensRevoked: live.length,
      revocationEntries: entries.map((e) => ({ seq: e.seq.toString(), kind: e.kind })),
    },
  });
  return { before, consent, removed, entries };
}
