/**
 * How the console says why a token, consent or agent is refused (db/queries/refusals.ts), in
 * plain words. No server code: the tables are client components.
 */

export type Refusal = {
  seq: string;
  kind: string;
  revoked_at: string;
  reason: string | null;
  not_before?: string | null;
};

const causes: Record<string, string> = {
  token: 'this token was revoked',
  family: 'its refresh family was revoked',
  grant: 'the access this user gave this agent was revoked',
  agent: 'its agent was suspended, blocked or removed',
  subject: 'all access of this user was revoked',
};

/** "its agent was suspended, blocked or removed": what the entry that refuses it did. */
export function refusalCause(refusal: Refusal): string {
  if (refusal.not_before) {
    return refusal.kind === 'grant'
      ? 'the access this user gave this agent was restored, but only for tokens issued after that'
      : 'its agent was reinstated, but only tokens issued after that are accepted';
  }
  return causes[refusal.kind] ?? 'a revocation covers it';
}

/** The short text under a "refused" badge in a table: the reason, else the cause. */
export function refusalShort(refusal: Refusal): string {
  return refusal.reason?.trim() || refusalCause(refusal);
}

export const refusalHref = (refusal: Refusal) => `/revocations/${refusal.seq}`;
