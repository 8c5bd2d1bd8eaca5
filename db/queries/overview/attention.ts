import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { at, query, type OverviewWindows } from './sql';

/** The facts behind the overview's "Needs attention" list (rules: lib/overview/attention.ts). */

const agentName = sql`coalesce(a.client_name, a.client_id)`;

export type IncidentRow = {
  id: string;
  name: string;
  reuseDetectedAt: string | Date | null;
  passthroughDetectedAt: string | Date | null;
  statusChangedAt: string | Date | null;
};

/** Agents with a refresh-token reuse or a token passthrough in the incident window. */
export function incidentAgents(db: Executor, orgId: string, w: OverviewWindows) {
  return query<IncidentRow>(
    db,
    sql`
      select a.id, ${agentName} as name, a.reuse_detected_at as "reuseDetectedAt",
        a.passthrough_detected_at as "passthroughDetectedAt",
        a.status_changed_at as "statusChangedAt"
      from agents a
      where a.org_id = ${orgId} and a.deleted_at is null
        and (a.reuse_detected_at >= ${at(w.incidentsFrom)}
          or a.passthrough_detected_at >= ${at(w.incidentsFrom)})`,
  );
}

export type PendingRow = {
  id: string;
  name: string;
  registrationMethod: string;
  registeredAt: string | Date | null;
  lastSeenAt: string | Date | null;
};

/** The pending agents (at most `cap`) an admin should review first: the ones active most recently. */
export function pendingAgents(db: Executor, orgId: string, cap: number) {
  return query<PendingRow>(
    db,
    sql`
      select a.id, ${agentName} as name, a.registration_method as "registrationMethod",
        a.registered_at as "registeredAt", a.last_seen_at as "lastSeenAt"
      from agents a
      where a.org_id = ${orgId} and a.verification_status = 'pending' and a.deleted_at is null
      order by a.last_seen_at desc nulls last, a.registered_at desc nulls last, a.id
      limit ${cap}`,
  );
}

export type UnusedRow = {
  id: string;
  name: string;
  scopes: string[];
  grantedSince: string | Date;
  total: number;
};

/**
 * Agents (pending or verified) whose active consents grant a resource scope (one an MCP server
 * publishes) that no tool call has relied on: neither named by a call nor required by a tool the
 * agent called. Only consents granted before the grace period count, so a fresh grant is not
 * flagged before it had a chance to be used. `granted_at` is a consent's first grant, so a scope
 * added later by a step-up reads as granted then.
 */
export function unusedScopeAgents(db: Executor, orgId: string, w: OverviewWindows, cap: number) {
  return query<UnusedRow>(
    db,
    sql`
      with resource_scopes as (
        select scope from scope_catalog where org_id = ${orgId}
        union select unnest(scopes_supported) from mcp_servers where org_id = ${orgId}
        union select unnest(required_scopes) from mcp_tools where org_id = ${orgId}
      ), scope_sets as (
        select agent_id, scopes, min(granted_at) as since
        from consents
        where org_id = ${orgId} and status = 'active'
          and (expires_at is null or expires_at > ${at(w.now)})
          and granted_at <= ${at(w.unusedBefore)}
        group by agent_id, scopes
      ), granted as (
        select s.agent_id, g.scope, min(s.since) as since
        from scope_sets s cross join lateral unnest(s.scopes) as g(scope)
        group by 1, 2
      ), used as (
        select distinct agent_id, scope from tool_usage
        where org_id = ${orgId} and scope <> '' and ok_count + error_count > 0
        union all
        select distinct u.agent_id, s.scope
        from (
          select distinct agent_id, resource, tool from tool_usage
          where org_id = ${orgId} and ok_count + error_count > 0
        ) u
        join mcp_servers m on m.org_id = ${orgId} and m.resource = u.resource
        join mcp_tools t on t.server_id = m.id and t.name = u.tool
        cross join lateral unnest(t.required_scopes) as s(scope)
      )
      select a.id, ${agentName} as name, array_agg(g.scope order by g.scope) as scopes,
        min(g.since) as "grantedSince", (count(*) over ())::int as total
      from granted g
      join resource_scopes r on r.scope = g.scope
      join agents a on a.id = g.agent_id and a.org_id = ${orgId}
      where a.deleted_at is null and a.verification_status in ('pending', 'verified')
        and not exists (select 1 from used where used.agent_id = g.agent_id and used.scope = g.scope)
      group by a.id
      order by min(g.since) desc, a.id
      limit ${cap}`,
  );
}
