import type { Db } from '@/db/client';
import { insertAuditEvent } from '@/lib/audit/record';
import { findSubjectWithConsents, lockOrgState } from '@/db/queries/grant-revocation';
import { adminAuditFields, type AuditActor } from '@/lib/audit/actor';
import { ExpectedError } from '@/lib/errors';
import { insertEntries, type MadeEntry } from '@/lib/grant-state/entries';
import { revokeConsentIn } from './revoke-consent';

export type RevokeSubjectInput = { issuer: string; sub: string; reason: string };

export type SubjectRevocation = { consentsRevoked: number; entries: MadeEntry[] };

/**
 * Everything of one end user, in one transaction (offboarding, a compromised account): each of
 * their active consents is revoked as revokeConsent would, and one `subject` entry {issuer, sub}
 * makes every server refuse every token of theirs, including tokens the hub never heard of. The
 * consents make no entries of their own: the subject entry covers them.
 */
export function revokeSubject(
  db: Db,
  actor: AuditActor,
  input: RevokeSubjectInput,
  now = new Date(),
): Promise<SubjectRevocation> {
  const orgId = actor.orgId;
  return db.transaction(async (tx) => {
    await lockOrgState(tx, orgId);
    const subject = await findSubjectWithConsents(tx, orgId, input);
    if (!subject) {
      throw new ExpectedError(
        'not_found',
        'No end user with this issuer and sub in your organization.',
      );
    }
    for (const consentId of subject.consentIds) {
      await revokeConsentIn(
        tx,
        actor,
        { consentId, reason: input.reason, makeEntries: false },
        now,
      );
    }
    const entries = await insertEntries(
      tx,
      orgId,
      actor,
      [{ kind: 'subject', issuer: input.issuer, sub: input.sub }],
      { revokedAt: now, reason: input.reason },
    );
    const who = subject.name ?? input.sub;
    const n = subject.consentIds.length;
    await insertAuditEvent(tx, orgId, {
      ...adminAuditFields(actor),
      occurredAt: now,
      type: 'admin.subject.revoked',
      reason: input.reason,
      summary: `${actor.email} revoked everything of ${who} (${n} consent${n === 1 ? '' : 's'})`,
      issuer: input.issuer,
      subjectId: subject.id,
      sub: input.sub,
      data: {
        consentsRevoked: n,
        revocationEntries: entries.map((e) => ({ seq: e.seq.toString(), kind: e.kind })),
      },
    });
    return { consentsRevoked: n, entries };
  });
}
