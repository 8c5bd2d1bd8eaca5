import {
  and,
  asc,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  isNotNull,
  isNull,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, consents, subjects } from '../schema';
import type { VerificationStatus } from '../schema/values';
import { agentCoverage, consentCoverage, refusedBySql, refusedSql } from './refusals';

/**
 * The agents table of the console and the agents list of the API. Duplicate registrations of one
 * client share a family (agents.family_key, see lib/ingestion/README.md); an agent without a
 * family key is a family of its own.
 */

export const IDLE_DAYS = 30;

/** A time as a query parameter inside raw SQL (drivers differ on Date parameters there). */
export const timestamp = (date: Date) => sql`${date.toISOString()}::timestamptz`;

export type AgentFilter = {
  q?: string;
  status?: readonly string[];
  method?: readonly string[];
  /** 'public', 'confidential', or 'unknown' for agents whose auth method the hub never saw */
  clientType?: readonly string[];
  issuer?: readonly string[];
  /** deleted agents are left out unless asked for */
  includeDeleted?: boolean;
  /** only the instances of one family */
  family?: string | null;
};

export type AgentSortId = 'name' | 'status' | 'method' | 'last_seen' | 'registered';
export const agentSortIds: readonly AgentSortId[] = [
  'name',
  'status',
  'method',
  'last_seen',
  'registered',
];

export const groupKeyOf = sql<string>`coalesce(${agents.familyKey}, 'agent:' || ${agents.id}::text)`;
const registeredOf = sql`coalesce(${agents.registeredAt}, ${agents.createdAt})`;

/** `ILIKE` pattern for a text typed by a person: % and _ are meant literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

function searchCondition(q: string): SQL {
  const pattern = containsPattern(q);
  return or(
    ilike(agents.clientName, pattern),
    ilike(agents.clientId, pattern),
    ilike(agents.softwareId, pattern),
    sql`array_to_string(${agents.redirectUris}, ' ') ilike ${pattern}`,
  )!;
}

type FacetKey = 'status' | 'method' | 'clientType' | 'issuer';

/** The WHERE of a filter; `skip` leaves one facet out, for that facet's own counts. */
function conditions(orgId: string, filter: AgentFilter, skip?: FacetKey): SQL[] {
  const where: SQL[] = [eq(agents.orgId, orgId)];
  if (!filter.includeDeleted) where.push(isNull(agents.deletedAt));
  if (filter.family) where.push(sql`${groupKeyOf} = ${filter.family}`);
  if (filter.q) where.push(searchCondition(filter.q));
  if (skip !== 'status' && filter.status?.length) {
    where.push(inArray(agents.verificationStatus, filter.status as VerificationStatus[]));
  }
  if (skip !== 'method' && filter.method?.length) {
    where.push(sql`${agents.registrationMethod}::text in ${filter.method}`);
  }
  if (skip !== 'clientType' && filter.clientType?.length) {
    const known = filter.clientType.filter((t) => t !== 'unknown');
    const parts: SQL[] = [];
    if (known.length) parts.push(sql`${agents.clientType}::text in ${known}`);
    if (filter.clientType.includes('unknown')) parts.push(isNull(agents.clientType));
    where.push(or(...parts)!);
  }
  if (skip !== 'issuer' && filter.issuer?.length) {
    where.push(inArray(agents.issuer, [...filter.issuer]));
  }
  return where;
}

const idleSince = (now: Date) => new Date(now.getTime() - IDLE_DAYS * 86_400_000);
const isIdle = (now: Date) =>
  sql`coalesce(${agents.lastSeenAt}, ${agents.registeredAt}, ${agents.createdAt}) < ${timestamp(idleSince(now))}`;

/**
 * One page of the agents table. Grouped (the default), each family is one row: its newest
 * instance, with the family's instance and idle counts and its newest activity.
 */
export async function listAgentsPage(
  db: Executor,
  orgId: string,
  options: {
    filter: AgentFilter;
    sort: { id: AgentSortId; desc: boolean };
    grouped: boolean;
    limit: number;
    offset: number;
    now?: Date;
  },
) {
  const now = options.now ?? new Date();
  const where = and(...conditions(orgId, options.filter));
  const partition = sql`partition by ${groupKeyOf}`;
  const ranked = db
    .select({
      id: agents.id,
      issuer: agents.issuer,
      clientId: agents.clientId,
      clientName: agents.clientName,
      registrationMethod: agents.registrationMethod,
      clientType: agents.clientType,
      verificationStatus: agents.verificationStatus,
      redirectUris: agents.redirectUris,
      softwareId: agents.softwareId,
      familyKey: agents.familyKey,
      registeredAt: agents.registeredAt,
      createdAt: agents.createdAt,
      lastSeenAt: agents.lastSeenAt,
      deletedAt: agents.deletedAt,
      reuseDetectedAt: agents.reuseDetectedAt,
      passthroughDetectedAt: agents.passthroughDetectedAt,
      refused: sql<boolean>`${refusedSql(agentCoverage(orgId, now))}`.as('refused'),
      groupKey: groupKeyOf.as('group_key'),
      idle: sql<boolean>`${isIdle(now)}`.as('idle'),
      rank: sql<number>`row_number() over (${partition} order by ${registeredOf} desc, ${agents.id} desc)`.as(
        'rank',
      ),
      instances: sql<number>`(count(*) over (${partition}))::int`.mapWith(Number).as('instances'),
      idleInstances: sql<number>`(count(*) filter (where ${isIdle(now)}) over (${partition}))::int`
        .mapWith(Number)
        .as('idle_instances'),
      familyLastSeenAt: sql<Date | null>`max(${agents.lastSeenAt}) over (${partition})`
        .mapWith(agents.lastSeenAt)
        .as('family_last_seen_at'),
    })
    .from(agents)
    .where(where)
    .as('ranked');

  const direction = options.sort.desc ? desc : asc;
  const lastSeen = options.grouped ? ranked.familyLastSeenAt : ranked.lastSeenAt;
  const orderBy: Record<AgentSortId, SQL[]> = {
    name: [direction(sql`lower(coalesce(${ranked.clientName}, ${ranked.clientId}))`)],
    status: [direction(ranked.verificationStatus)],
    method: [direction(sql`${ranked.registrationMethod}::text`)],
    last_seen: [sql`${lastSeen} ${sql.raw(options.sort.desc ? 'desc' : 'asc')} nulls last`],
    registered: [direction(sql`coalesce(${ranked.registeredAt}, ${ranked.createdAt})`)],
  };
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(ranked)
      .where(options.grouped ? eq(ranked.rank, 1) : undefined)
      .orderBy(...orderBy[options.sort.id], desc(ranked.id))
      .limit(options.limit)
      .offset(options.offset),
    db
      .select({
        n: (options.grouped
          ? sql<number>`count(distinct ${groupKeyOf})::int`
          : sql<number>`count(*)::int`
        ).mapWith(Number),
      })
      .from(agents)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export type AgentFacetCounts = Record<FacetKey, { value: string; count: number }[]> & {
  /** rows the "show deleted" toggle would add */
  deleted: number;
};

/**
 * For each facet, how many rows (families when grouped) each value would show with the other
 * filters as they are.
 */
export async function countAgentFacets(
  db: Executor,
  orgId: string,
  filter: AgentFilter,
  grouped: boolean,
): Promise<AgentFacetCounts> {
  const n = (
    grouped ? sql<number>`count(distinct ${groupKeyOf})::int` : sql<number>`count(*)::int`
  ).mapWith(Number);
  const columns: Record<FacetKey, SQL> = {
    status: sql`${agents.verificationStatus}::text`,
    method: sql`${agents.registrationMethod}::text`,
    clientType: sql`coalesce(${agents.clientType}::text, 'unknown')`,
    issuer: sql`${agents.issuer}`,
  };
  const keys = Object.keys(columns) as FacetKey[];
  const [deleted, ...facets] = await Promise.all([
    db
      .select({ n })
      .from(agents)
      .where(
        and(...conditions(orgId, { ...filter, includeDeleted: true }), isNotNull(agents.deletedAt)),
      ),
    ...keys.map((key) =>
      db
        .select({ value: sql<string>`${columns[key]}`.as('value'), count: n })
        .from(agents)
        .where(and(...conditions(orgId, filter, key)))
        .groupBy(columns[key])
        .orderBy(desc(sql`2`), asc(sql`1`))
        .limit(100),
    ),
  ]);
  const out = { deleted: deleted[0]?.n ?? 0 } as AgentFacetCounts;
  keys.forEach((key, i) => (out[key] = facets[i]!));
  return out;
}

/**
 * Active consents (not revoked, not expired, not refused by a revocation entry) per agent, or per
 * family of the given keys.
 */
export async function countActiveConsents(
  db: Executor,
  orgId: string,
  by: { agentIds: string[] } | { familyKeys: string[] },
  now = new Date(),
): Promise<Map<string, number>> {
  const byFamily = 'familyKeys' in by;
  const keys = byFamily ? by.familyKeys : by.agentIds;
  if (keys.length === 0) return new Map();
  const key = byFamily ? groupKeyOf : sql<string>`${consents.agentId}::text`;
  const rows = await db
    .select({ key: sql<string>`${key}`.as('key'), n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(consents)
    .innerJoin(agents, eq(agents.id, consents.agentId))
    .innerJoin(subjects, eq(subjects.id, consents.subjectId))
    .where(
      and(
        eq(consents.orgId, orgId),
        eq(agents.orgId, orgId),
        eq(consents.status, 'active'),
        or(isNull(consents.expiresAt), gt(consents.expiresAt, now)),
        sql`not ${refusedSql(consentCoverage(orgId, now))}`,
        byFamily ? sql`${groupKeyOf} in ${keys}` : inArray(consents.agentId, keys),
      ),
    )
    .groupBy(key);
  return new Map(rows.map((r) => [r.key, r.n]));
}

export type AgentApiCursor = { createdAt: string; id: string };

/** The API's list: every agent (deleted ones too), newest first, keyset-paged on (created_at, id). */
export async function listAgentsKeyset(
  db: Executor,
  orgId: string,
  options: {
    issuer?: string;
    clientId?: string;
    status?: VerificationStatus;
    q?: string;
    cursor: AgentApiCursor | null;
    limit: number;
    now?: Date;
  },
) {
  const where: SQL[] = [eq(agents.orgId, orgId)];
  if (options.issuer) where.push(eq(agents.issuer, options.issuer));
  if (options.clientId) where.push(eq(agents.clientId, options.clientId));
  if (options.status) where.push(eq(agents.verificationStatus, options.status));
  if (options.q) where.push(searchCondition(options.q));
  if (options.cursor) {
    where.push(
      sql`(${agents.createdAt}, ${agents.id}) < (${options.cursor.createdAt}::timestamptz, ${options.cursor.id}::uuid)`,
    );
  }
  const rows = await db
    .select({
      agent: agents,
      refusedBy: refusedBySql(agentCoverage(orgId, options.now ?? new Date())),
      // exact to the microsecond, so a cursor never skips a row created in the same millisecond
      cursorAt: sql<string>`to_char(${agents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(agents)
    .where(and(...where))
    .orderBy(desc(agents.createdAt), desc(agents.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({ ...r.agent, refusedBy: r.refusedBy })),
    next:
      rows.length > options.limit && last ? { createdAt: last.cursorAt, id: last.agent.id } : null,
  };
}
