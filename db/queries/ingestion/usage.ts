import { sql, type SQL } from 'drizzle-orm';
import { jsonRows } from './bulk';

export type ToolUsageFacts = {
  agentId: string;
  resource: string;
  tool: string;
  scope: string;
  ok: number;
  error: number;
  denied: number;
  firstUsedAt: Date | null;
  lastUsedAt: Date | null;
};

export function toolUsageStatement(orgId: string, facts: readonly ToolUsageFacts[]): SQL | null {
  if (facts.length === 0) return null;
  return sql`
    insert into tool_usage as u (org_id, agent_id, resource, tool, scope, ok_count, error_count,
      denied_count, first_used_at, last_used_at)
    select ${orgId}::uuid, x."agentId", x.resource, x.tool, x.scope, x.ok, x.error, x.denied,
      x."firstUsedAt", x."lastUsedAt"
    from jsonb_to_recordset(${jsonRows(facts)}) as x("agentId" uuid, resource text, tool text,
      scope text, ok bigint, error bigint, denied bigint, "firstUsedAt" timestamptz,
      "lastUsedAt" timestamptz)
    order by 2, 3, 4, 5
    on conflict (org_id, agent_id, resource, tool, scope) do update set
      ok_count = u.ok_count + excluded.ok_count,
      error_count = u.error_count + excluded.error_count,
      denied_count = u.denied_count + excluded.denied_count,
      first_used_at = least(u.first_used_at, excluded.first_used_at),
      last_used_at = greatest(u.last_used_at, excluded.last_used_at)`;
}

export type GrantUsageFacts = {
  agentId: string;
  subjectId: string;
  resource: string;
  lastUsedAt: Date;
};

/** When an agent last used a resource for a subject: a consent's last use, in any order. */
export function grantUsageStatement(orgId: string, facts: readonly GrantUsageFacts[]): SQL | null {
  if (facts.length === 0) return null;
  return sql`
    insert into grant_usage as g (org_id, agent_id, subject_id, resource, last_used_at)
    select ${orgId}::uuid, x."agentId", x."subjectId", x.resource, x."lastUsedAt"
    from jsonb_to_recordset(${jsonRows(facts)}) as x("agentId" uuid, "subjectId" uuid,
      resource text, "lastUsedAt" timestamptz)
    order by 2, 3, 4
    on conflict (org_id, agent_id, subject_id, resource) do update set
      last_used_at = greatest(g.last_used_at, excluded.last_used_at)`;
}

/** Moves the last use of the consents that cover these uses (same agent and subject; for that
 * resource, or for any). */
export function consentUseStatement(orgId: string, facts: readonly GrantUsageFacts[]): SQL | null {
  if (facts.length === 0) return null;
  return sql`
    with m as (
      select c2.id, max(x."lastUsedAt") as at
      from jsonb_to_recordset(${jsonRows(facts)}) as x("agentId" uuid, "subjectId" uuid,
        resource text, "lastUsedAt" timestamptz)
      cross join lateral (
        select id from consents
        where org_id = ${orgId}::uuid and agent_id = x."agentId" and subject_id = x."subjectId"
          and (resource is null or resource = x.resource)
        offset 0
      ) c2
      group by c2.id
    )
    update consents c set last_used_at = m.at, updated_at = now()
    from m
    where c.id = any(array(select id from m)) and c.id = m.id
      and (c.last_used_at is null or c.last_used_at < m.at)`;
}
