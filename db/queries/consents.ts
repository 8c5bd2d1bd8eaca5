import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, consentScopeChanges, consents, subjects } from '../schema';
import type { ConsentSortKey, ConsentState } from '../schema/values';

export {
  consentSortKeys,
  consentStates,
  type ConsentSortKey,
  type ConsentState,
} from '../schema/values';
import { isUuid } from './ids';
import { consentCoverage, refusedBySql, refusedSql } from './refusals';

/**
 * The console's and the API's reads of consents. A consent's state (active, refused, expired,
 * revoked) is decided when read: the projection stores `active` or `revoked`, `expired` follows
 * from `expires_at` and the time of the query, and `refused` from a revocation entry that covers
 * it (its agent's, its grant's or its subject's, db/queries/refusals.ts) whatever its
 * authorization server last reported.
 */

/** A timestamp parameter: postgres.js cannot bind a Date inside a raw template. */
export const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** `%text%` for ILIKE, with the user's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A consent's state; the query must join `agents` and `subjects` (consentAgentJoin…). */
export function consentStateSql(orgId: string, now: Date): SQL<ConsentState> {
  return sql<ConsentState>`(case when ${consents.status} = 'revoked' then 'revoked'
    when ${consents.status} = 'expired' or ${consents.expiresAt} <= ${at(now)} then 'expired'
    when ${refusedSql(consentCoverage(orgId, now))} then 'refused'
    else 'active' end)`;
}

/** The entry that refuses the consent (`refused_by`), or null; joins as consentStateSql. */
export const consentRefusedBySql = (orgId: string, now: Date) =>
  refusedBySql(consentCoverage(orgId, now));

export const consentAgentJoin = eq(agents.id, consents.agentId);
export const consentSubjectJoin = eq(subjects.id, consents.subjectId);

export type ConsentFilter = {
  q?: string;
  states?: readonly string[];
  agentIds?: readonly string[];
  resources?: readonly string[];
  /** the API's outside identifiers */
  clientId?: string;
  sub?: string;
  active?: boolean;
};

function whereOf(orgId: string, filter: ConsentFilter, now: Date): SQL {
  const where: SQL[] = [eq(consents.orgId, orgId)];
  const state = consentStateSql(orgId, now);
  if (filter.states?.length) {
    where.push(
      sql`${state} in (${sql.join(
        filter.states.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  }
  const agentIds = filter.agentIds?.filter(isUuid) ?? [];
  if (filter.agentIds?.length) {
    where.push(
      agentIds.length
        ? sql`${consents.agentId} in (${sql.join(
            agentIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`false`,
    );
  }
  if (filter.resources?.length) {
    where.push(
      sql`${consents.resource} in (${sql.join(
        filter.resources.map((r) => sql`${r}`),
        sql`, `,
      )})`,
    );
  }
  if (filter.clientId) where.push(eq(agents.clientId, filter.clientId));
  if (filter.sub) where.push(eq(subjects.sub, filter.sub));
  if (filter.active !== undefined) {
    where.push(filter.active ? sql`${state} = 'active'` : sql`${state} <> 'active'`);
  }
  if (filter.q) {
    const p = containsPattern(filter.q);
    where.push(sql`(${subjects.sub} ilike ${p} or ${subjects.name} ilike ${p}
      or ${agents.clientId} ilike ${p} or ${agents.clientName} ilike ${p}
      or exists (select 1 from unnest(${consents.scopes}) as s(scope) where s.scope ilike ${p}))`);
  }
  return and(...where)!;
}

function orderOf(orgId: string, key: ConsentSortKey, descending: boolean, now: Date): SQL[] {
  const expression: Record<ConsentSortKey, SQL> = {
    agent: sql`lower(coalesce(${agents.clientName}, ${agents.clientId}))`,
    subject: sql`lower(coalesce(${subjects.name}, ${subjects.sub}))`,
    resource: sql`${consents.resource}`,
    status: consentStateSql(orgId, now),
    mechanism: sql`${consents.mechanism}`,
    granted: sql`${consents.grantedAt}`,
    last_used: sql`${consents.lastUsedAt}`,
  };
  const direction = sql.raw(descending ? 'desc nulls last' : 'asc nulls last');
  return [sql`${expression[key]} ${direction}`, descending ? desc(consents.id) : asc(consents.id)];
}

const PREVIEW_SCOPES = 4;

/** One page of the consents table, with the total for the pager. */
export async function listConsentsPage(
  db: Executor,
  orgId: string,
  options: {
    filter: ConsentFilter;
    sort: { id: ConsentSortKey; desc: boolean };
    limit: number;
    offset: number;
    now?: Date;
  },
) {
  const now = options.now ?? new Date();
  const where = whereOf(orgId, options.filter, now);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: consents.id,
        agentId: consents.agentId,
        agentName: agents.clientName,
        clientId: agents.clientId,
        sub: subjects.sub,
        subjectName: subjects.name,
        resource: consents.resource,
        // Only what a row shows: a consent may carry hundreds of scopes.
        scopes: sql<string[]>`${consents.scopes}[1:${sql.raw(String(PREVIEW_SCOPES))}]`,
        scopeCount: sql<number>`cardinality(${consents.scopes})`,
        state: consentStateSql(orgId, now),
        refusedBy: consentRefusedBySql(orgId, now),
        mechanism: consents.mechanism,
        grantedAt: consents.grantedAt,
        lastUsedAt: consents.lastUsedAt,
      })
      .from(consents)
      .innerJoin(agents, consentAgentJoin)
      .innerJoin(subjects, consentSubjectJoin)
      .where(where)
      .orderBy(...orderOf(orgId, options.sort.id, options.sort.desc, now))
      .limit(options.limit)
      .offset(options.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(consents)
      .innerJoin(agents, consentAgentJoin)
      .innerJoin(subjects, consentSubjectJoin)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export type ConsentListRow = Awaited<ReturnType<typeof listConsentsPage>>['rows'][number];

const FACET_OPTIONS = 100;

/** The choices of the table's filters, with how many of the org's consents each has. */
export async function consentFacets(db: Executor, orgId: string, now = new Date()) {
  const state = consentStateSql(orgId, now);
  const [states, agentRows, resources] = await Promise.all([
    db
      .select({ value: state, count: sql<number>`count(*)::int` })
      .from(consents)
      .innerJoin(agents, consentAgentJoin)
      .innerJoin(subjects, consentSubjectJoin)
      .where(eq(consents.orgId, orgId))
      .groupBy(sql`1`),
    db
      .select({
        value: consents.agentId,
        label: sql<string>`coalesce(max(${agents.clientName}), max(${agents.clientId}))`,
        count: sql<number>`count(*)::int`,
      })
      .from(consents)
      .innerJoin(agents, consentAgentJoin)
      .where(eq(consents.orgId, orgId))
      .groupBy(consents.agentId)
      .orderBy(sql`count(*) desc`, consents.agentId)
      .limit(FACET_OPTIONS),
    db
      .select({ value: sql<string>`${consents.resource}`, count: sql<number>`count(*)::int` })
      .from(consents)
      .where(and(eq(consents.orgId, orgId), sql`${consents.resource} is not null`))
      .groupBy(consents.resource)
      .orderBy(sql`count(*) desc`, consents.resource)
      .limit(FACET_OPTIONS),
  ]);
  return { states, agents: agentRows, resources };
}

const apiColumns = (orgId: string, now: Date) => ({
  id: consents.id,
  key: consents.key,
  externalId: consents.externalId,
  agentId: consents.agentId,
  agentName: agents.clientName,
  issuer: agents.issuer,
  clientId: agents.clientId,
  subjectId: consents.subjectId,
  sub: subjects.sub,
  subjectName: subjects.name,
  resource: consents.resource,
  scopes: consents.scopes,
  state: consentStateSql(orgId, now),
  refusedBy: consentRefusedBySql(orgId, now),
  mechanism: consents.mechanism,
  grantedAt: consents.grantedAt,
  expiresAt: consents.expiresAt,
  revokedAt: consents.revokedAt,
  lastUsedAt: consents.lastUsedAt,
});

/** One consent with its agent and subject, or null when the id is not one of the org's. */
export async function getConsent(db: Executor, orgId: string, id: string, now = new Date()) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(apiColumns(orgId, now))
    .from(consents)
    .innerJoin(agents, consentAgentJoin)
    .innerJoin(subjects, consentSubjectJoin)
    .where(and(eq(consents.orgId, orgId), eq(consents.id, id)));
  return row ?? null;
}

export type ConsentDetail = NonNullable<Awaited<ReturnType<typeof getConsent>>>;

/** Newest grant first, keyset-paged on (granted_at, id): the management API's list. */
export async function listConsentsAfter(
  db: Executor,
  orgId: string,
  options: {
    filter: Pick<ConsentFilter, 'clientId' | 'sub' | 'active'>;
    after: { grantedAt: Date; id: string } | null;
    limit: number;
    now?: Date;
  },
) {
  const now = options.now ?? new Date();
  const where = [whereOf(orgId, options.filter, now)];
  if (options.after) {
    where.push(
      sql`(${consents.grantedAt}, ${consents.id}) < (${at(options.after.grantedAt)}, ${options.after.id}::uuid)`,
    );
  }
  return db
    .select(apiColumns(orgId, now))
    .from(consents)
    .innerJoin(agents, consentAgentJoin)
    .innerJoin(subjects, consentSubjectJoin)
    .where(and(...where))
    .orderBy(desc(consents.grantedAt), desc(consents.id))
    .limit(options.limit);
}

/** The scope history, in the order the replay applied it. */
export async function listConsentHistory(db: Executor, orgId: string, consentId: string) {
  return db
    .select({
      id: consentScopeChanges.id,
      kind: consentScopeChanges.kind,
      change: consentScopeChanges.change,
      requested: consentScopeChanges.requested,
      added: consentScopeChanges.added,
      removed: consentScopeChanges.removed,
      scopesAfter: consentScopeChanges.scopesAfter,
      occurredAt: consentScopeChanges.occurredAt,
      actor: consentScopeChanges.actor,
      reason: consentScopeChanges.reason,
      mechanism: consentScopeChanges.mechanism,
      sourceEventId: consentScopeChanges.sourceEventId,
      revocationId: consentScopeChanges.revocationId,
    })
    .from(consentScopeChanges)
    .where(and(eq(consentScopeChanges.orgId, orgId), eq(consentScopeChanges.consentId, consentId)))
    .orderBy(
      asc(consentScopeChanges.occurredAt),
      sql`case ${consentScopeChanges.kind} when 'grant' then 0 else 1 end`,
      asc(consentScopeChanges.id),
    );
}

export type ConsentHistoryRow = Awaited<ReturnType<typeof listConsentHistory>>[number];
