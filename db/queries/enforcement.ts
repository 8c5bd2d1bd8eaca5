import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client';
import { orgCounters, revocationAcks, sources } from '../schema';
import type { RevocationKind, SourceKind } from '../schema/values';
import { jsonRows, uuidArray } from './ingestion/bulk';
import { keysetPage } from './keyset';

/** Where entries are enforced (lib/revocations/enforcement): acknowledgements, facts, leaks. */

const date = (v: string | Date | null) => (v === null ? null : new Date(v));

/** A source's enforcement position and the org's newest seq, read in the ingesting transaction. */
export async function readEnforcementPosition(tx: Executor, orgId: string, sourceId: string) {
  const [row] = await tx
    .select({ position: sources.appliedThroughSeq, newest: orgCounters.revocationSeq })
    .from(sources)
    .innerJoin(orgCounters, eq(orgCounters.orgId, sources.orgId))
    .where(and(eq(sources.orgId, orgId), eq(sources.id, sourceId)));
  return { position: row?.position ?? null, newest: row?.newest ?? 0n };
}

/** The org's newest entry's seq (0 before the first). */
export async function newestRevocationSeq(db: Executor, orgId: string): Promise<bigint> {
  const [row] = await db
    .select({ seq: orgCounters.revocationSeq })
    .from(orgCounters)
    .where(eq(orgCounters.orgId, orgId));
  return row?.seq ?? 0n;
}

/**
 * Records a batch's acknowledgements of one source: the ones that move its position become ack
 * rows and the new position; every one, heartbeats too, is a sign of life.
 */
export async function recordAcknowledgements(
  tx: Executor,
  orgId: string,
  sourceId: string,
  advancing: readonly { throughSeq: bigint; at: Date }[],
): Promise<void> {
  if (advancing.length > 0) {
    await tx
      .insert(revocationAcks)
      .values(advancing.map((a) => ({ orgId, sourceId, throughSeq: a.throughSeq, ackedAt: a.at })));
  }
  const top = advancing.reduce<bigint | null>(
    (max, a) => (max === null || a.throughSeq > max ? a.throughSeq : max),
    null,
  );
  await tx
    .update(sources)
    .set({
      lastHeartbeatAt: sql`now()`,
      ...(top !== null
        ? {
            appliedThroughSeq: sql`greatest(coalesce(${sources.appliedThroughSeq}, 0), ${top.toString()}::bigint)`,
          }
        : {}),
    })
    .where(and(eq(sources.orgId, orgId), eq(sources.id, sourceId)));
}

/** What an entry's status at a source is made of (see lib/revocations/enforcement/status.ts). */
export type EnforcementFact = {
  entryId: string;
  sourceId: string;
  /** the time of the acknowledgement that first moved the position to or past the entry's seq */
  ackAt: Date | null;
  /** when its push to that source was answered 2xx */
  pushAt: Date | null;
  leaks: number;
};

/**
 * For each of the entries and each source of the org that should enforce it (every MCP server
 * and gateway, and the authorization server of the entry's issuer), what the hub knows of it
 * there. Each fact is an indexed look-up.
 */
export async function listEnforcementFacts(
  db: Executor,
  orgId: string,
  entryIds: readonly string[],
): Promise<EnforcementFact[]> {
  if (entryIds.length === 0) return [];
  const result = await db.execute(sql`
    select e.id as "entryId", s.id as "sourceId",
      (select a.acked_at from revocation_acks a
        where a.source_id = s.id and a.through_seq >= e.seq
        order by a.through_seq limit 1) as "ackAt",
      (select d.delivered_at from outbox_deliveries d
        where d.entry_id = e.id and d.source_id = s.id and d.status = 'delivered') as "pushAt",
      coalesce(l.count, 0) as leaks
    from revocation_entries e
    join sources s on s.org_id = e.org_id
      and (s.kind in ('mcp_server', 'gateway')
        or (s.kind = 'authorization_server' and s.issuer = e.issuer))
    left join revocation_leaks l on l.entry_id = e.id and l.source_id = s.id
    where e.org_id = ${orgId}::uuid and e.id = any(${uuidArray(entryIds)})`);
  return rowsOf<{
    entryId: string;
    sourceId: string;
    ackAt: string | Date | null;
    pushAt: string | Date | null;
    leaks: number | string;
  }>(result).map((r) => ({
    entryId: r.entryId,
    sourceId: r.sourceId,
    ackAt: date(r.ackAt),
    pushAt: date(r.pushAt),
    leaks: Number(r.leaks),
  }));
}

/** One ingested event that would show a covered token still working, as the look-up needs it. */
export type LeakProbe = {
  i: number;
  at: string;
  tokenRef: string | null;
  familyId: string | null;
  issuer: string | null;
  clientId: string | null;
  sub: string | null;
};

/** An entry that may cover a probe, with the token's issuance and family as the hub knows them. */
export type ProbeMatch = {
  i: number;
  tokenIssuedAt: Date | null;
  entry: {
    id: string;
    seq: bigint;
    kind: RevocationKind;
    revokedAt: Date;
    notBefore: Date | null;
  };
};

/**
 * The entries made at or before each probe's time that could refuse its token: by its ref, its
 * family (the probe's or the stored token's), its agent and subject. One statement for a whole
 * batch; each branch is an index look-up (revocation_entries' token, family, client and subject
 * indexes), so it costs the same however many entries the org has.
 */
export async function findProbeMatches(
  tx: Executor,
  orgId: string,
  probes: readonly LeakProbe[],
): Promise<ProbeMatch[]> {
  if (probes.length === 0) return [];
  const result = await tx.execute(sql`
    with p as (
      select x.i, x.at, x."tokenRef" as token_ref, coalesce(x."familyId", t.family_id) as family_id,
        x.issuer, x."clientId" as client_id, x.sub, t.issued_at
      from jsonb_to_recordset(${jsonRows(probes)}) as x(i int, at timestamptz, "tokenRef" text,
        "familyId" text, issuer text, "clientId" text, sub text)
      left join tokens t on t.org_id = ${orgId}::uuid and t.token_ref = x."tokenRef"
    ), m as (
      select p.i, e.id from p join revocation_entries e on e.org_id = ${orgId}::uuid
        and e.kind = 'token' and e.token_ref = p.token_ref and e.revoked_at <= p.at
      union all
      select p.i, e.id from p join revocation_entries e on e.org_id = ${orgId}::uuid
        and e.kind = 'family' and e.family_id = p.family_id and e.revoked_at <= p.at
      union all
      select p.i, e.id from p join revocation_entries e on e.org_id = ${orgId}::uuid
        and e.issuer = p.issuer and e.client_id = p.client_id and e.revoked_at <= p.at
        and (e.kind = 'agent' or (e.kind = 'grant' and e.sub = p.sub))
      union all
      select p.i, e.id from p join revocation_entries e on e.org_id = ${orgId}::uuid
        and e.kind = 'subject' and e.issuer = p.issuer and e.sub = p.sub and e.revoked_at <= p.at
    )
    select m.i, p.issued_at as "tokenIssuedAt", e.id, e.seq::text as seq, e.kind,
      e.revoked_at as "revokedAt", e.not_before as "notBefore"
    from m join p on p.i = m.i join revocation_entries e on e.id = m.id`);
  return rowsOf<{
    i: number;
    tokenIssuedAt: string | Date | null;
    id: string;
    seq: string;
    kind: RevocationKind;
    revokedAt: string | Date;
    notBefore: string | Date | null;
  }>(result).map((r) => ({
    i: Number(r.i),
    tokenIssuedAt: date(r.tokenIssuedAt),
    entry: {
      id: r.id,
      seq: BigInt(r.seq),
      kind: r.kind,
      revokedAt: new Date(r.revokedAt),
      notBefore: date(r.notBefore),
    },
  }));
}

export type LeakCount = {
  entryId: string;
  agentId: string | null;
  clientId: string | null;
  sub: string | null;
  count: number;
  refreshes: number;
  firstAt: Date;
  lastAt: Date;
};

/**
 * Adds a batch's leaks of one source to their (entry, source) rows; answers the entries whose
 * leak at this source is new, which the caller audits.
 */
export async function upsertLeaks(
  tx: Executor,
  orgId: string,
  sourceId: string,
  leaks: readonly LeakCount[],
): Promise<Set<string>> {
  if (leaks.length === 0) return new Set();
  const result = await tx.execute(sql`
    insert into revocation_leaks (org_id, entry_id, source_id, agent_id, client_id, sub, count,
      refreshes, first_at, last_at)
    select ${orgId}::uuid, x."entryId", ${sourceId}::uuid, x."agentId", x."clientId", x.sub,
      x.count, x.refreshes, x."firstAt", x."lastAt"
    from jsonb_to_recordset(${jsonRows(leaks)}) as x("entryId" uuid, "agentId" uuid,
      "clientId" text, sub text, count int, refreshes int, "firstAt" timestamptz,
      "lastAt" timestamptz)
    on conflict (entry_id, source_id) do update set
      count = revocation_leaks.count + excluded.count,
      refreshes = revocation_leaks.refreshes + excluded.refreshes,
      first_at = least(revocation_leaks.first_at, excluded.first_at),
      last_at = greatest(revocation_leaks.last_at, excluded.last_at),
      agent_id = coalesce(revocation_leaks.agent_id, excluded.agent_id)
    returning entry_id as "entryId", (xmax = 0) as inserted`);
  return new Set(
    rowsOf<{ entryId: string; inserted: boolean }>(result)
      .filter((r) => r.inserted)
      .map((r) => r.entryId),
  );
}

/** A leak as lists and the overview show it: its entry, its source and its agent by name. */
export type LeakView = {
  id: string;
  seq: bigint;
  entryKind: RevocationKind;
  revokedAt: Date;
  entryReason: string | null;
  sourceId: string;
  sourceName: string;
  sourceKind: SourceKind;
  enforcesRevocations: boolean;
  agentId: string | null;
  agentName: string | null;
  agentStatus: string | null;
  clientId: string | null;
  sub: string | null;
  count: number;
  refreshes: number;
  firstAt: Date;
  lastAt: Date;
  detectedAt: Date;
};

const leakColumns = sql`
  l.id, e.seq::text as seq, e.kind as "entryKind", e.revoked_at as "revokedAt",
  e.reason as "entryReason", s.id as "sourceId", s.name as "sourceName", s.kind as "sourceKind",
  s.enforces_revocations as "enforcesRevocations", a.id as "agentId",
  coalesce(a.client_name, a.client_id) as "agentName", a.verification_status as "agentStatus",
  l.client_id as "clientId", l.sub, l.count, l.refreshes, l.first_at as "firstAt",
  l.last_at as "lastAt", l.detected_at as "detectedAt"`;

const leakJoins = sql`
  from revocation_leaks l
  join revocation_entries e on e.id = l.entry_id
  join sources s on s.id = l.source_id
  left join agents a on a.id = l.agent_id`;

type LeakRow = Omit<LeakView, 'seq' | 'revokedAt' | 'firstAt' | 'lastAt' | 'detectedAt'> & {
  seq: string;
  revokedAt: string | Date;
  firstAt: string | Date;
  lastAt: string | Date;
  detectedAt: string | Date;
};

function leakOf(r: LeakRow): LeakView {
  return {
    ...r,
    seq: BigInt(r.seq),
    count: Number(r.count),
    refreshes: Number(r.refreshes),
    revokedAt: new Date(r.revokedAt),
    firstAt: new Date(r.firstAt),
    lastAt: new Date(r.lastAt),
    detectedAt: new Date(r.detectedAt),
  };
}

/** The org's leaks, newest detected first, keyset-paged on (detected_at, id). */
export async function listLeaksPage(
  db: Executor,
  orgId: string,
  options: { limit: number; after: { detectedAt: string; id: string } | null },
) {
  const key = options.after;
  const after = key
    ? sql`and (l.detected_at, l.id) < (${key.detectedAt}::timestamptz, ${key.id}::uuid)`
    : sql``;
  const result = await db.execute(sql`
    select ${leakColumns} ${leakJoins}
    where l.org_id = ${orgId}::uuid ${after}
    order by l.detected_at desc, l.id desc
    limit ${options.limit + 1}`);
  return keysetPage(rowsOf<LeakRow>(result).map(leakOf), options.limit, (l) => [
    l.detectedAt,
    l.id,
  ]);
}

/** The leaks of some entries (the console's entry page and list). */
export async function listLeaksOfEntries(db: Executor, orgId: string, entryIds: readonly string[]) {
  if (entryIds.length === 0) return [];
  const result = await db.execute(sql`
    select ${leakColumns} ${leakJoins}
    where l.org_id = ${orgId}::uuid and l.entry_id = any(${uuidArray(entryIds)})
    order by l.detected_at desc, l.id desc`);
  return rowsOf<LeakRow>(result).map(leakOf);
}

/**
 * Leaks for "Needs attention": the most recent `cap` of sources that say they enforce, seen
 * since `since`, and how many such leaks there are.
 */
export async function listAttentionLeaks(db: Executor, orgId: string, since: Date, cap: number) {
  const result = await db.execute(sql`
    select ${leakColumns}, (count(*) over ())::int as total ${leakJoins}
    where l.org_id = ${orgId}::uuid and l.last_at >= ${since.toISOString()}::timestamptz
      and s.enforces_revocations
    order by l.last_at desc, l.id desc
    limit ${cap}`);
  const rows = rowsOf<LeakRow & { total: number }>(result);
  return { leaks: rows.map(leakOf), total: Number(rows[0]?.total ?? 0) };
}
