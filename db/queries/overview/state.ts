import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { aliasCoverage, refusedSql } from '../refusals';
import { at, dayOf, query, type OverviewWindows } from './sql';

/**
 * The overview's counts from the hub's state tables (agents, consents, tokens, sources,
 * tool_usage): small next to the audit trail, and each read with one statement.
 */

export type AgentStatusCount = { status: string; n: number };

/** Agents by verification status, deleted ones left out. */
export function agentsByStatus(db: Executor, orgId: string) {
  return query<AgentStatusCount>(
    db,
    sql`
      select verification_status as status, count(*)::int as n from agents
      where org_id = ${orgId} and deleted_at is null
      group by 1`,
  );
}

export type RegistrationCount = { day: string | Date; method: string; n: number };

/** First registrations per UTC day and registration method over the daily window. */
export function registrationsByDay(db: Executor, orgId: string, w: OverviewWindows) {
  return query<RegistrationCount>(
    db,
    sql`
      select ${dayOf(sql`registered_at`)} as day,
        registration_method as method, count(*)::int as n
      from agents
      where org_id = ${orgId}
        and registered_at >= ${at(w.daysFrom)} and registered_at <= ${at(w.now)}
      group by 1, 2`,
  );
}

export type Totals = { consents: number; tokens: number; sources: number };

/**
 * Active consents (not revoked, not expired), active tokens (issued, not revoked, not expired)
 * and sources; a consent or token a revocation entry covers is refused, not active
 * (db/queries/refusals.ts). Tokens are counted per agent through tokens_agent_idx (org_id,
 * agent_id, expires_at), which reaches the unexpired tokens of each agent without reading the
 * expired ones that make up nearly all of the table.
 */
export async function activeTotals(db: Executor, orgId: string, w: OverviewWindows) {
  const consentRefused = refusedSql(aliasCoverage(orgId, { agent: 'ca', subject: 'cs' }, w.now));
  const tokenRefused = refusedSql(
    aliasCoverage(orgId, { token: 't', agent: 'a', subject: 's' }, w.now),
  );
  const [row] = await query<Totals>(
    db,
    sql`
      select
        (select count(*)::int from consents c
          join agents ca on ca.id = c.agent_id
          join subjects cs on cs.id = c.subject_id
          where c.org_id = ${orgId} and c.status = 'active'
            and (c.expires_at is null or c.expires_at > ${at(w.now)})
            and not ${consentRefused}) as consents,
        (select count(*)::int from agents a
          cross join lateral (
            select 1 from tokens t
            left join subjects s on s.id = t.subject_id
            where t.org_id = ${orgId} and t.agent_id = a.id
              and t.expires_at > ${at(w.now)} and t.revoked_at is null
              and not ${tokenRefused}
          ) t
          where a.org_id = ${orgId}) as tokens,
        (select count(*)::int from sources where org_id = ${orgId}) as sources`,
  );
  return row ?? { consents: 0, tokens: 0, sources: 0 };
}

export type TopAgentRow = {
  id: string;
  name: string;
  clientId: string;
  status: string;
  calls: number;
  denied: number;
  lastUsedAt: string | Date | null;
};

/**
 * The agents with the most tool calls, all time, from tool_usage. A call is counted once per scope
 * it relied on, so a tool's calls are its largest count over its scopes (exact when a tool's calls
 * rely on the same scopes, as they do when the tool requires fixed scopes).
 */
export function topAgentsByCalls(db: Executor, orgId: string, limit: number) {
  return query<TopAgentRow>(
    db,
    sql`
      with per_tool as (
        select agent_id, max(ok_count + error_count) as calls, max(denied_count) as denied,
          max(last_used_at) as last_used_at
        from tool_usage where org_id = ${orgId}
        group by agent_id, resource, tool
      ), per_agent as (
        select agent_id, sum(calls) as calls, sum(denied) as denied, max(last_used_at) as last_used_at
        from per_tool group by agent_id
      )
      select a.id, coalesce(a.client_name, a.client_id) as name, a.client_id as "clientId",
        a.verification_status as status, u.calls::float8 as calls, u.denied::float8 as denied,
        u.last_used_at as "lastUsedAt"
      from per_agent u join agents a on a.id = u.agent_id and a.org_id = ${orgId}
      where u.calls > 0
      order by u.calls desc, a.id
      limit ${limit}`,
  );
}
