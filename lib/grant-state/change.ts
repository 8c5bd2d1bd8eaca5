import type { Tx } from '@/db/client';
import type { GrantRevocationRow } from '@/db/queries/ingestion/consents';
import type { TokenState } from '@/db/queries/ingestion/tokens';

/**
 * One change to an org's grants, whoever makes it: an ingested batch (lib/ingestion translates its
 * events into this) or a person revoking on the console, the API or their account page. Every
 * fact carries its own time and cause (actor, reason, the event that reported it, if any), so the
 * replay needs nothing else.
 */
export type GrantChange = {
  /** the transaction, holding the org's lock (lockOrgState) */
  tx: Tx;
  orgId: string;
  /** consents granted or widened */
  grants?: readonly ConsentGrant[];
  /** revocations of a consent, of every consent of a pair, or of an agent (its deletion) */
  revocations?: readonly GrantRevocationRow[];
  /** tokens reported issued */
  issuances?: readonly TokenIssuance[];
  /** tokens' own revocations */
  tokenEnds?: readonly TokenEnd[];
  /** refresh-token families' revocations */
  familyEnds?: readonly FamilyEnd[];
};

/** A grant of scopes to a consent (an ingested consent.granted), with its time and cause. */
export type ConsentGrant = {
  agentId: string;
  subjectId: string;
  /** the authorization server's id of the consent, when it names one */
  consentId: string | null;
  resource: string | null;
  scopes: string[];
  expiresAt: Date | null;
  mechanism: string | null;
  at: Date;
  actor: unknown;
  reason: string | null;
  /** the event that reported it */
  eventId: string | null;
};

/** A token as reported issued; `consentKey` is its consent's (consentKey of consent-replay.ts). */
export type TokenIssuance = Omit<TokenState, 'ownRevokedAt' | 'ownRevocationReason'>;
/** A token's own revocation. */
export type TokenEnd = { tokenRef: string; at: Date; reason: string };
/** A refresh-token family's revocation: it ends every token of the family. */
export type FamilyEnd = { familyId: string; revokedAt: Date; reason: string };
