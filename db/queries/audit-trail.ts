import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../client';
import type { AuditCursor } from './audit-cursor';

/**
 * The audit trail as the console page, the API and the export read it: any filter, newest first,
 * keyset-paged on (occurred_at, number) within the org. Each single filter leads an index of its own
 * (db/schema/audit.ts), so a page costs a short index walk at any depth.
 */

/** An event with every field as text, the same from PGlite and postgres.js. */
export type AuditRow = {
  /** the event's number within its org: the id the API and console show */
  id: string;
  /** exact to the microsecond, e.g. 2026-11-22T14:05:00.123456Z (cursors need every digit) */
  occurredAt: string;
  recordedAt: string;
  type: string;
  sourceId: string | null;
  actorType: string | null;
  actorId: string | null;
  actorLabel: string | null;
  issuer: string | null;
  clientId: string | null;
  sub: string | null;
  resource: string | null;
  tool: string | null;
  tokenRef: string | null;
  outcome: string | null;
  ip: string | null;
  userAgent: string | null;
  reason: string | null;
  summary: string;
  /** the raw event as JSON text, when asked for */
  data?: string;
};

/** What the audit trail is filtered by, as lib/audit/filter.ts reads it from a URL. */
export type AuditFilter = {
  after?: string;
  before?: string;
  types: string[];
  sourceId?: string;
  clientId?: string;
  sub?: string;
  resource?: string;
  tool?: string;
  outcomes: string[];
  ip?: string;
  q?: string;
};

/** A filter with the outside identifiers resolved to the hub's ids, and free text as a tsquery. */
export type ResolvedAuditFilter = AuditFilter & {
  agentIds?: string[];
  subjectIds?: string[];
  tsquery?: string;
};

/**
 * The agents a client_id names (every ingested event that names one carries its agent's id, which
 * leads an index), at most 100.
 */
export async function agentIdsOfClient(
  db: Executor,
  orgId: string,
  clientId: string,
): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id::text as id from agents where org_id = ${orgId} and client_id = ${clientId} limit 100`,
    ),
  );
  return rows.map((r) => r.id);
}

/** The subjects a sub names, at most 100. */
export async function subjectIdsOfSub(db: Executor, orgId: string, sub: string): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id::text as id from subjects where org_id = ${orgId} and sub = ${sub} limit 100`,
    ),
  );
  return rows.map((r) => r.id);
}

/**
 * Search words lowered and split by the database, exactly as it did the events' text (see
 * searchVector in db/schema/audit.ts): each word whole and in its parts.
 */
export async function splitSearchWords(
  db: Executor,
  words: string[],
): Promise<{ whole: string; parts: string[] }[]> {
  const split = rowsOf<{ whole: string; parts: string[] }>(
    await db.execute(sql`
        select lower(left(w, 200)) as whole,
          array_remove(regexp_split_to_array(lower(left(w, 500)), '[^[:alnum:]]+'), '') as parts
        from jsonb_array_elements_text(${JSON.stringify(words)}::text::jsonb)
          with ordinality as u(w, n)
        order by n`),
  );
  return split.map((w) => ({ whole: w.whole, parts: [...w.parts] }));
}

/** Every field of AuditRow but data, as text (alias-free: add `e.` nowhere). */
export const auditRowColumns = sql.raw(`number::text as id,
  to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
  to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as recorded_at,
  type, source_id::text as source_id, actor_type::text as actor_type, actor_id, actor_label,
  issuer, client_id, sub, resource, tool, token_ref, outcome, ip, user_agent, reason, summary`);

const inList = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

type Split = { column: string; values: string[] };

/** Every condition but the one split into branches (see selectAuditRows). */
function conditionsOf(orgId: string, f: ResolvedAuditFilter, split: Split | null): SQL[] {
  const where: SQL[] = [sql`org_id = ${orgId}`];
  const list = (column: string, values: string[] | undefined, cast = '') => {
    if (!values?.length || split?.column === column) return;
    const col = sql.raw(column);
    where.push(
      values.length === 1
        ? sql`${col} = ${values[0]}${sql.raw(cast)}`
        : sql`${col} in (${inList(values)})`,
    );
  };
  if (f.after) where.push(sql`occurred_at >= ${f.after}::timestamptz`);
  if (f.before) where.push(sql`occurred_at < ${f.before}::timestamptz`);
  list('agent_id', f.agentIds, '::uuid');
  list('subject_id', f.subjectIds, '::uuid');
  list('type', f.types);
  list('outcome', f.outcomes);
  if (f.sourceId) where.push(sql`source_id = ${f.sourceId}::uuid`);
  if (f.resource) where.push(sql`resource = ${f.resource}`);
  if (f.tool) where.push(sql`tool = ${f.tool}`);
  if (f.ip) where.push(sql`ip = ${f.ip}`);
  if (f.tsquery) where.push(sql`search @@ ${f.tsquery}::tsquery`);
  return where;
}

const MAX_BRANCHES = 40;

/**
 * A filter on several values of an indexed column (two event types, the agents of one client_id)
 * is read as one ordered index walk per value, merged: `col in (a, b)` would make PostgreSQL
 * collect and sort every match before the first page.
 */
function splitOf(f: ResolvedAuditFilter): Split | null {
  const candidates: [string, string[] | undefined][] = [
    ['agent_id', f.agentIds],
    ['subject_id', f.subjectIds],
    ['type', f.types],
    ['outcome', f.outcomes],
  ];
  for (const [column, values] of candidates) {
    if (values && values.length > 1 && values.length <= MAX_BRANCHES) return { column, values };
  }
  return null;
}

function keysetOf(cursor: AuditCursor | null | undefined): SQL | null {
  if (!cursor) return null;
  // The row comparison is an index condition on (org_id, …, occurred_at desc, number desc); the
  // extra bound lets PostgreSQL start the walk at the cursor on every partition.
  return sql`occurred_at <= ${cursor.occurredAt}::timestamptz
    and (occurred_at, number) < (${cursor.occurredAt}::timestamptz, ${cursor.id}::bigint)`;
}

export type AuditRawRow = {
  [
    K in
      | 'source_id'
      | 'actor_type'
      | 'actor_id'
      | 'actor_label'
      | 'issuer'
      | 'client_id'
      | 'sub'
      | 'resource'
      | 'tool'
      | 'token_ref'
      | 'outcome'
      | 'ip'
      | 'user_agent'
      | 'reason'
  ]: string | null;
} & {
  id: string;
  occurred_at: string;
  recorded_at: string;
  type: string;
  summary: string;
  data?: string | null;
};

export function mapAuditRow(r: AuditRawRow): AuditRow {
  return {
    id: r.id,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    type: r.type,
    sourceId: r.source_id,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    issuer: r.issuer,
    clientId: r.client_id,
    sub: r.sub,
    resource: r.resource,
    tool: r.tool,
    tokenRef: r.token_ref,
    outcome: r.outcome,
    ip: r.ip,
    userAgent: r.user_agent,
    reason: r.reason,
    summary: r.summary,
    ...(r.data !== undefined ? { data: r.data ?? '{}' } : {}),
  };
}

/** Up to `limit` events after `cursor`, newest first. */
export async function selectAuditRows(
  db: Executor,
  orgId: string,
  f: ResolvedAuditFilter,
  options: { cursor?: AuditCursor | null; limit: number; withData?: boolean },
): Promise<AuditRow[]> {
  const keyset = keysetOf(options.cursor);
  const data = options.withData ? sql.raw(', data::text as data') : sql``;
  // Qualified: a bare `occurred_at` in ORDER BY would mean the text column selected.
  const order = sql`order by e.occurred_at desc, e.number desc limit ${options.limit}`;
  const split = splitOf(f);
  const where = conditionsOf(orgId, f, split);
  if (keyset) where.push(keyset);
  const conditions = sql.join(where, sql` and `);
  let query: SQL;
  if (!split) {
    query = sql`select ${auditRowColumns}${data} from audit_events e where ${conditions} ${order}`;
  } else {
    const col = sql.raw(split.column);
    const branches = split.values.map(
      (v) => sql`(select ${auditRowColumns}${data}, e.occurred_at as at_, e.number as n_
        from audit_events e where ${conditions} and ${col} = ${v} ${order})`,
    );
    query = sql`select * from (${sql.join(branches, sql` union all `)}) u
      order by at_ desc, n_ desc limit ${options.limit}`;
  }
  return rowsOf<AuditRawRow>(await db.execute(query)).map(mapAuditRow);
}

/** One event, by its number in the org, with its raw data; null when the org has none such. */
export async function getAuditRow(
  db: Executor,
  orgId: string,
  id: string,
): Promise<AuditRow | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const rows = rowsOf<AuditRawRow>(
    await db.execute(sql`select ${auditRowColumns}, data::text as data from audit_events
      where org_id = ${orgId} and number = ${id}::bigint limit 1`),
  );
  return rows[0] ? mapAuditRow(rows[0]) : null;
}

/** The cursor just past `row`. */
export function cursorAfter(row: AuditRow): AuditCursor {
  return { occurredAt: row.occurredAt, id: Number(row.id) };
}

/** Distinct values of an indexed column, by skipping through its index (no scan of the trail). */
export async function distinctAuditValues(
  db: Executor,
  orgId: string,
  column: 'type' | 'outcome',
  max = 100,
): Promise<string[]> {
  const col = sql.raw(column);
  const rows = rowsOf<{ v: string }>(
    await db.execute(sql`
      with recursive d(v, n) as (
        (select ${col}, 1 from audit_events where org_id = ${orgId} and ${col} is not null
          order by ${col} limit 1)
        union all
        select (select ${col} from audit_events where org_id = ${orgId} and ${col} > d.v
          order by ${col} limit 1), n + 1 from d where d.v is not null and n < ${max}
      ) select v from d where v is not null`),
  );
  return rows.map((r) => r.v);
}
