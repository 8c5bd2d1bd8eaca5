import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { at, dayOf, hourOf, query, type OverviewWindows } from './sql';

/**
 * The audit trail's share of the overview. Every query is bounded by its window and served by
 * audit_events_type_idx (org_id, type, occurred_at desc, number desc) as an index-only scan, so it
 * reads the index entries of its window and no table rows, whatever the trail's total size.
 */

export type HourlyTypeCount = { type: string; hour: string | Date; n: number; last24h: number };

/**
 * The event types of the org's trail. The type index leads with the type, so a loose index scan
 * finds them with one descent per type instead of reading the trail.
 */
export async function eventTypes(db: Executor, orgId: string): Promise<string[]> {
  const rows = await query<{ type: string | null }>(
    db,
    sql`
      with recursive types(type) as (
        (select type from audit_events where org_id = ${orgId} order by type limit 1)
        union all
        select (
          select e.type from audit_events e
          where e.org_id = ${orgId} and e.type > t.type
          order by e.type limit 1
        )
        from types t where t.type is not null
      )
      select type from types where type is not null`,
  );
  return rows.map((r) => r.type!);
}

/**
 * Events per UTC hour and type over the hourly window: one index range scan per type (`offset 0`
 * keeps the planner from turning them into one heap scan of the window). The types are read
 * first: inside the same statement, the recursive scan cost PostgreSQL 15 a second of start-up.
 */
export async function eventsByHourAndType(db: Executor, orgId: string, w: OverviewWindows) {
  const types = await eventTypes(db, orgId);
  if (!types.length) return [];
  const list = sql.join(
    types.map((t) => sql`(${t})`),
    sql`, `,
  );
  return query<HourlyTypeCount>(
    db,
    sql`
      select t.type, ${hourOf(sql`e.occurred_at`)} as hour, count(*)::int as n,
        (count(*) filter (where e.occurred_at > ${at(w.dayAgo)}))::int as "last24h"
      from (values ${list}) as t(type)
      cross join lateral (
        select occurred_at from audit_events e
        where e.org_id = ${orgId} and e.type = t.type
          and e.occurred_at >= ${at(w.hoursFrom)} and e.occurred_at <= ${at(w.now)}
        offset 0
      ) e
      group by 1, 2`,
  );
}

export type DailyTypeCount = { type: string; day: string | Date; n: number };

/** Events of the denial `types` per UTC day and type over the daily window. */
export function denialsByDay(
  db: Executor,
  orgId: string,
  w: OverviewWindows,
  denialTypes: readonly string[],
) {
  const types = sql.join(
    denialTypes.map((t) => sql`${t}`),
    sql`, `,
  );
  return query<DailyTypeCount>(
    db,
    sql`
      select type, ${dayOf(sql`occurred_at`)} as day, count(*)::int as n
      from audit_events
      where org_id = ${orgId} and type in (${types})
        and occurred_at >= ${at(w.daysFrom)} and occurred_at <= ${at(w.now)}
      group by 1, 2`,
  );
}

/**
 * Tool calls an MCP server reported with the outcome `denied` in the last 24 h. The outcome is
 * not in an index, so this reads the table rows of one day of tool calls.
 */
export async function deniedToolCalls24h(db: Executor, orgId: string, w: OverviewWindows) {
  const [row] = await query<{ n: number }>(
    db,
    sql`
      select count(*)::int as n from audit_events
      where org_id = ${orgId} and type = 'tool.invoked'
        and occurred_at > ${at(w.dayAgo)} and occurred_at <= ${at(w.now)}
        and outcome = 'denied'`,
  );
  return row?.n ?? 0;
}

export type ScopeDenialRow = {
  id: string;
  name: string;
  recent: number;
  before: number;
  lastAt: string | Date;
};

/**
 * tool.denied (the insufficient-scope refusal) per agent still registered: in the last 24 h, and
 * in the 7 days before. Denials are rare next to calls, so reading their rows for the agent is cheap.
 */
export function scopeDenialsByAgent(db: Executor, orgId: string, w: OverviewWindows) {
  return query<ScopeDenialRow>(
    db,
    sql`
      select a.id, coalesce(a.client_name, a.client_id) as name, d.recent, d.before, d."lastAt"
      from (
        select agent_id,
          (count(*) filter (where occurred_at > ${at(w.dayAgo)}))::int as recent,
          (count(*) filter (where occurred_at <= ${at(w.dayAgo)}))::int as before,
          max(occurred_at) as "lastAt"
        from audit_events
        where org_id = ${orgId} and type = 'tool.denied' and agent_id is not null
          and occurred_at > ${at(w.spikeFrom)} and occurred_at <= ${at(w.now)}
        group by agent_id
      ) d
      join agents a on a.id = d.agent_id and a.org_id = ${orgId} and a.deleted_at is null
      where d.recent > 0`,
  );
}
