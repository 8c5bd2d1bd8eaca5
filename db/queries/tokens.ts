import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, subjects, tokenFamilyRevocations, tokens } from '../schema';
import type { TokenSortKey, TokenState } from '../schema/values';

export { tokenSortKeys, tokenStates, type TokenSortKey, type TokenState } from '../schema/values';
import { isUuid } from './ids';
import { at, containsPattern } from './consents';
import { refusedBySql, refusedSql, tokenCoverage } from './refusals';

/**
 * The console's and the API's reads of tokens. A token's state is decided when read: `revoked`
 * when the projection gave it an end, else `expired` once `expires_at` has passed, else `refused`
 * when a revocation entry covers it (db/queries/refusals.ts) whatever its authorization server
 * last reported, else `active`.
 */

/** A token's state; the query must left join `agents` and `subjects` (tokenAgentJoin…). */
export function tokenStateSql(orgId: string, now: Date): SQL<TokenState> {
  return sql<TokenState>`(case when ${tokens.revokedAt} is not null then 'revoked'
    when ${tokens.expiresAt} <= ${at(now)} then 'expired'
    when ${refusedSql(tokenCoverage(orgId))} then 'refused' else 'active' end)`;
}

/** The entry that refuses the token (`refused_by`), or null; joins as tokenStateSql. */
export const tokenRefusedBySql = (orgId: string) => refusedBySql(tokenCoverage(orgId));

/** The token's agent and subject, which its state and `refused_by` read. */
export const tokenAgentJoin = eq(agents.id, tokens.agentId);
export const tokenSubjectJoin = eq(subjects.id, tokens.subjectId);

/** Tokens are listed by when they were issued; one known only by its revocation, by when seen. */
export const issuedOrSeen = sql`coalesce(${tokens.issuedAt}, ${tokens.createdAt})`;

export type TokenFilter = {
  q?: string;
  states?: readonly string[];
  types?: readonly string[];
  agentIds?: readonly string[];
  clientId?: string;
  sub?: string;
  active?: boolean;
};

const inList = (column: SQL | typeof tokens.tokenType, values: readonly string[]) =>
  sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

function whereOf(orgId: string, filter: TokenFilter, now: Date): SQL {
  const where: SQL[] = [eq(tokens.orgId, orgId)];
  const state = tokenStateSql(orgId, now);
  if (filter.states?.length) where.push(inList(state, filter.states));
  if (filter.types?.length)
    where.push(
      sql`${tokens.tokenType}::text in (${sql.join(
        filter.types.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
  if (filter.agentIds?.length) {
    const ids = filter.agentIds.filter(isUuid);
    where.push(
      ids.length
        ? sql`${tokens.agentId} in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`
        : sql`false`,
    );
  }
  if (filter.clientId) where.push(eq(agents.clientId, filter.clientId));
  if (filter.sub) where.push(eq(subjects.sub, filter.sub));
  if (filter.active !== undefined) {
    where.push(filter.active ? sql`${state} = 'active'` : sql`${state} <> 'active'`);
  }
  if (filter.q) {
    const p = containsPattern(filter.q);
    where.push(sql`(${tokens.tokenRef} ilike ${p} or ${tokens.familyId} ilike ${p}
      or ${subjects.sub} ilike ${p} or ${agents.clientId} ilike ${p})`);
  }
  return and(...where)!;
}

function orderOf(orgId: string, key: TokenSortKey, descending: boolean, now: Date): SQL[] {
  const expression: Record<TokenSortKey, SQL> = {
    token_ref: sql`${tokens.tokenRef}`,
    type: sql`${tokens.tokenType}`,
    agent: sql`lower(coalesce(${agents.clientName}, ${agents.clientId}))`,
    subject: sql`lower(coalesce(${subjects.name}, ${subjects.sub}))`,
    state: tokenStateSql(orgId, now),
    issued: issuedOrSeen,
    expires: sql`${tokens.expiresAt}`,
    last_used: sql`${tokens.lastUsedAt}`,
  };
  const direction = sql.raw(descending ? 'desc nulls last' : 'asc nulls last');
  return [sql`${expression[key]} ${direction}`, descending ? desc(tokens.id) : asc(tokens.id)];
}

const PREVIEW_SCOPES = 3;

/** One page of the tokens table, with the total for the pager. */
export async function listTokensPage(
  db: Executor,
  orgId: string,
  options: {
    filter: TokenFilter;
    sort: { id: TokenSortKey; desc: boolean };
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
        id: tokens.id,
        tokenRef: tokens.tokenRef,
        tokenType: tokens.tokenType,
        agentId: tokens.agentId,
        agentName: agents.clientName,
        clientId: agents.clientId,
        sub: subjects.sub,
        subjectName: subjects.name,
        state: tokenStateSql(orgId, now),
        refusedBy: tokenRefusedBySql(orgId),
        familyId: tokens.familyId,
        scopes: sql<string[]>`${tokens.scopes}[1:${sql.raw(String(PREVIEW_SCOPES))}]`,
        scopeCount: sql<number>`cardinality(${tokens.scopes})`,
        issuedAt: tokens.issuedAt,
        expiresAt: tokens.expiresAt,
        revokedAt: tokens.revokedAt,
        lastUsedAt: tokens.lastUsedAt,
      })
      .from(tokens)
      .leftJoin(agents, tokenAgentJoin)
      .leftJoin(subjects, tokenSubjectJoin)
      .where(where)
      .orderBy(...orderOf(orgId, options.sort.id, options.sort.desc, now))
      .limit(options.limit)
      .offset(options.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(tokens)
      .leftJoin(agents, tokenAgentJoin)
      .leftJoin(subjects, tokenSubjectJoin)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export type TokenListRow = Awaited<ReturnType<typeof listTokensPage>>['rows'][number];

/** The choices of the table's filters, with how many of the org's tokens each has. */
export async function tokenFacets(db: Executor, orgId: string, now = new Date()) {
  const state = tokenStateSql(orgId, now);
  const [states, types, agentRows] = await Promise.all([
    db
      .select({ value: state, count: sql<number>`count(*)::int` })
      .from(tokens)
      .leftJoin(agents, tokenAgentJoin)
      .leftJoin(subjects, tokenSubjectJoin)
      .where(eq(tokens.orgId, orgId))
      .groupBy(sql`1`),
    db
      .select({ value: sql<string>`${tokens.tokenType}::text`, count: sql<number>`count(*)::int` })
      .from(tokens)
      .where(and(eq(tokens.orgId, orgId), sql`${tokens.tokenType} is not null`))
      .groupBy(tokens.tokenType),
    db
      .select({
        value: sql<string>`${tokens.agentId}`,
        label: sql<string>`coalesce(max(${agents.clientName}), max(${agents.clientId}))`,
        count: sql<number>`count(*)::int`,
      })
      .from(tokens)
      .innerJoin(agents, tokenAgentJoin)
      .where(eq(tokens.orgId, orgId))
      .groupBy(tokens.agentId)
      .orderBy(sql`count(*) desc`, tokens.agentId)
      .limit(100),
  ]);
  return { states, types, agents: agentRows };
}

const detailColumns = (orgId: string, now: Date) => ({
  id: tokens.id,
  tokenRef: tokens.tokenRef,
  tokenType: tokens.tokenType,
  agentId: tokens.agentId,
  agentName: agents.clientName,
  issuer: agents.issuer,
  clientId: agents.clientId,
  subjectId: tokens.subjectId,
  sub: subjects.sub,
  subjectName: subjects.name,
  consentId: tokens.consentId,
  consentKey: tokens.consentKey,
  familyId: tokens.familyId,
  parentRef: tokens.parentRef,
  scopes: tokens.scopes,
  resource: tokens.resource,
  grantType: tokens.grantType,
  state: tokenStateSql(orgId, now),
  refusedBy: tokenRefusedBySql(orgId),
  issuedAt: tokens.issuedAt,
  expiresAt: tokens.expiresAt,
  ownRevokedAt: tokens.ownRevokedAt,
  revokedAt: tokens.revokedAt,
  revokedBy: tokens.revokedBy,
  revocationReason: tokens.revocationReason,
  lastUsedAt: tokens.lastUsedAt,
  familyRevokedAt: tokenFamilyRevocations.revokedAt,
  createdAt: tokens.createdAt,
});

function detailQuery(db: Executor, orgId: string, now: Date) {
  return db
    .select(detailColumns(orgId, now))
    .from(tokens)
    .leftJoin(agents, tokenAgentJoin)
    .leftJoin(subjects, tokenSubjectJoin)
    .leftJoin(
      tokenFamilyRevocations,
      and(
        eq(tokenFamilyRevocations.orgId, tokens.orgId),
        eq(tokenFamilyRevocations.familyId, tokens.familyId),
      ),
    );
}

/** One token with its agent, subject and its family's revocation, or null when not the org's. */
export async function getToken(db: Executor, orgId: string, id: string, now = new Date()) {
  if (!isUuid(id)) return null;
  const [row] = await detailQuery(db, orgId, now).where(
    and(eq(tokens.orgId, orgId), eq(tokens.id, id)),
  );
  return row ?? null;
}

export type TokenDetail = NonNullable<Awaited<ReturnType<typeof getToken>>>;

/** Newest first, keyset-paged on (issued or first seen, id): the management API's list. */
export async function listTokensAfter(
  db: Executor,
  orgId: string,
  options: {
    filter: Pick<TokenFilter, 'clientId' | 'sub' | 'active'>;
    after: { issuedAt: Date; id: string } | null;
    limit: number;
    now?: Date;
  },
) {
  const now = options.now ?? new Date();
  const where = [whereOf(orgId, options.filter, now)];
  if (options.after) {
    where.push(
      sql`(${issuedOrSeen}, ${tokens.id}) < (${at(options.after.issuedAt)}, ${options.after.id}::uuid)`,
    );
  }
  return detailQuery(db, orgId, now)
    .where(and(...where))
    .orderBy(sql`${issuedOrSeen} desc`, desc(tokens.id))
    .limit(options.limit);
}
