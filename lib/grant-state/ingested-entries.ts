import type { Tx } from '@/db/client';
import { readAgentDeletions, readPairEnd } from '@/db/queries/grant-revocation';
import {
  findEntriesForTargets,
  insertRevocationEntries,
  type NewRevocationEntry,
} from '@/db/queries/revocations';
import type { RevocationEntry } from '@/db/schema';
import { tokenEntriesOf } from './entries';

/** An ingested event as the entries need it: what it says and whom it names, resolved. */
type Reported<D> = {
  event: { id: string };
  data: D & { reason?: string | null; actor?: { type: string; id?: string | null } | null };
  time: Date;
  /** the issuer its client_id and sub belong to */
  issuer: string | null;
  agentId: string | null;
  subjectId: string | null;
};

/**
 * The accepted events of one ingested batch that end or restore grants, by type, after the
 * projections applied them (lib/ingestion passes its batch's items, which have this shape).
 */
export type ReportedEnds = {
  tx: Tx;
  orgId: string;
  /** the source that reported them: the actor of entries whose event names none */
  sourceId: string;
  tokenRevoked: readonly Reported<{ token_ref: string; family_id?: string | null }>[];
  reuseDetected: readonly Reported<{ family_id: string }>[];
  clientDeleted: readonly Reported<{ client_id: string }>[];
  consentRevoked: readonly Reported<{
    client_id: string;
    sub: string;
    consent_id?: string | null;
    resource?: string | null;
    scopes?: string[] | null;
  }>[];
  consentGranted: readonly Reported<{ client_id: string; sub: string }>[];
};

type AnyReported = Reported<object>;

type Target = Omit<NewRevocationEntry, 'revokedAt' | 'reason' | 'actor'>;
type Candidate = NewRevocationEntry & { order: [number, string] };

/** One line per target, to recognise the same target twice. */
const targetKey = (t: Target) =>
  JSON.stringify([
    t.kind,
    t.tokenRef ?? null,
    t.familyId ?? null,
    t.issuer ?? null,
    t.clientId ?? null,
    t.sub ?? null,
  ]);

/**
 * An entry already refuses this target for good: any `token` or `family` entry of it, or a newest
 * `agent`/`grant` entry of it without `not_before` (one with it is a reinstatement).
 */
function alreadyRefused(existing: readonly Known[], target: Target): boolean {
  const key = targetKey(target);
  const same = existing.filter((e) => targetKey({ ...e }) === key);
  if (same.length === 0) return false;
  if (target.kind === 'token' || target.kind === 'family') return true;
  const newest = same.reduce((a, b) => (b.seq > a.seq ? b : a));
  return newest.notBefore === null;
}

const emptyTarget = { tokenRef: null, familyId: null, issuer: null, clientId: null, sub: null };

type Known = Pick<RevocationEntry, 'kind' | 'seq' | 'notBefore' | 'revokedAt'> &
  Partial<Pick<RevocationEntry, 'tokenRef' | 'familyId' | 'issuer' | 'clientId' | 'sub'>>;

/** A `grant` entry without `not_before`, older than `at`, is the newest of this target's. */
function refusedBefore(known: readonly Known[], target: Target, at: Date): boolean {
  const key = targetKey(target);
  const same = known.filter((e) => targetKey({ ...e }) === key);
  if (same.length === 0) return false;
  const newest = same.reduce((a, b) => (b.seq > a.seq ? b : a));
  return newest.notBefore === null && newest.revokedAt <= at;
}

/**
 * Revocation entries for the ends a batch of ingested events made, in the batch's transaction,
 * after the projections (so they read the state the events produced). Made through the same
 * insertion as an admin's revocations (entries.ts), and only for accepted events, so a
 * redelivered event makes none. An end that an existing entry already refuses (an admin revoked
 * the same token first, the AS reports the same revocation under a new event id) makes none.
 *
 * | event | entries |
 * | --- | --- |
 * | `token.revoked` | `token` {token_ref}; with `family_id`, `family` {family_id} instead |
 * | `token.reuse_detected` | `family` {family_id} |
 * | `client.deleted` (still deleted after the batch) | `agent` {issuer, client_id} |
 * | `consent.revoked` of every scope, without consent_id or resource | `grant` {issuer, client_id, sub} |
 * | `consent.revoked` that ended a consent | `grant` when the pair keeps no active consent, else `family`/`token` for the tokens it ended |
 * | `consent.granted` while a `grant` entry refuses the pair | `grant` with `not_before` (the reinstatement): tokens issued from then on work |
 */
export async function insertIngestedEntries(
  reported: ReportedEnds,
  now = new Date(),
): Promise<RevocationEntry[]> {
  const { tx, orgId, sourceId } = reported;
  const actorOf = (item: AnyReported, fallback: string) => {
    const data = item.data;
    return {
      revokedAt: item.time,
      reason: data.reason ?? fallback,
      // The event's own actor when it names one; else the source that reported the end.
      actor: data.actor
        ? { type: data.actor.type, id: data.actor.id ?? null }
        : { type: 'system', id: `source:${sourceId}` },
    };
  };
  const candidates: Candidate[] = [];
  const add = (item: AnyReported, fallback: string, targets: Target[]) => {
    for (const target of targets) {
      candidates.push({
        ...target,
        ...actorOf(item, fallback),
        order: [item.time.getTime(), item.event.id],
      });
    }
  };

  for (const item of reported.tokenRevoked) {
    const d = item.data;
    add(
      item,
      d.family_id ? 'family revoked' : 'token revoked',
      d.family_id
        ? [{ kind: 'family', familyId: d.family_id }]
        : [{ kind: 'token', tokenRef: d.token_ref }],
    );
  }
  for (const item of reported.reuseDetected) {
    add(item, 'refresh token reuse detected', [{ kind: 'family', familyId: item.data.family_id }]);
  }
  const deleted = reported.clientDeleted.filter((i) => i.agentId && i.issuer);
  const deletions = await readAgentDeletions(
    tx,
    orgId,
    deleted.map((i) => i.agentId!),
  );
  for (const item of deleted) {
    // A newer registration (a CIMD client that came back) undoes an older deletion.
    if (!deletions.get(item.agentId!)) continue;
    add(item, 'agent deleted', [
      { kind: 'agent', issuer: item.issuer, clientId: item.data.client_id },
    ]);
  }
  for (const item of reported.consentRevoked) {
    if (!item.agentId || !item.subjectId || !item.issuer) continue;
    const d = item.data;
    const grant: Target = {
      kind: 'grant',
      issuer: item.issuer,
      clientId: d.client_id,
      sub: d.sub,
    };
    if (!d.scopes && !d.consent_id && !d.resource) {
      add(item, 'consent revoked', [grant]);
      continue;
    }
    const end = await readPairEnd(
      tx,
      orgId,
      { agentId: item.agentId, subjectId: item.subjectId, at: item.time },
      now,
    );
    const endedConsent = !d.scopes || end.consentEnded || end.ended.length > 0;
    if (!endedConsent) continue;
    if (end.activeConsents === 0) {
      add(item, 'consent revoked', [grant]);
      continue;
    }
    const { families, loose } = tokenEntriesOf(end.ended);
    add(item, 'consent revoked', [
      ...families.map((familyId) => ({ kind: 'family' as const, familyId })),
      ...loose.map((tokenRef) => ({ kind: 'token' as const, tokenRef })),
    ]);
  }
  // The person approved the agent again after a `grant` entry: tokens issued from now on are
  // fine again (an admin's suspension of the agent is an `agent` entry, and stays).
  for (const item of reported.consentGranted) {
    if (!item.agentId || !item.issuer) continue;
    const target: Target = {
      kind: 'grant',
      issuer: item.issuer,
      clientId: item.data.client_id,
      sub: item.data.sub,
    };
    candidates.push({
      ...target,
      revokedAt: item.time,
      notBefore: item.time,
      reason: 'consent granted again',
      actor: { type: 'system', id: `source:${sourceId}` },
      order: [item.time.getTime(), item.event.id],
    });
  }
  if (candidates.length === 0) return [];

  candidates.sort((a, b) => a.order[0] - b.order[0] || a.order[1].localeCompare(b.order[1]));
  const existing = await findEntriesForTargets(tx, orgId, {
    tokenRefs: candidates.flatMap((c) => (c.tokenRef ? [c.tokenRef] : [])),
    familyIds: candidates.flatMap((c) => (c.familyId ? [c.familyId] : [])),
    clientIds: candidates.flatMap((c) => (c.clientId ? [c.clientId] : [])),
  });
  // In time order, each candidate judged against the entries before it (stored, then fresh).
  const known: Known[] = [...existing];
  const fresh: NewRevocationEntry[] = [];
  for (const candidate of candidates) {
    const keep = candidate.notBefore
      ? refusedBefore(known, candidate, candidate.notBefore)
      : !alreadyRefused(known, candidate);
    if (!keep) continue;
    const { order, ...entry } = candidate;
    void order;
    fresh.push(entry);
    known.push({
      ...emptyTarget,
      ...entry,
      seq: BigInt(Number.MAX_SAFE_INTEGER) + BigInt(fresh.length),
      notBefore: entry.notBefore ?? null,
    });
  }
  return insertRevocationEntries(tx, orgId, fresh);
}
