import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { SeedSize } from './console-seed';
import { TOOLS } from './console-seed';

/**
 * The audit events of the console bench, generated in the database. Types by weight (70% tool
 * calls, 10% token issuance, 4% tool denials, …, a trickle of admin actions), agents drawn with a
 * cubic skew (the top 1% of agents make about a fifth of the calls), subjects with a quadratic
 * one, ~50,000 IPs, 210 tools on 30 servers, token refs from the tokens table, and times over
 * the 12 months before `now`, denser towards now and inserted in time order. Each row carries a raw CloudEvent of
 * about 350 bytes as `data`, like ingested events.
 */
function chunkInsert(
  orgId: string,
  sourceIds: string[],
  size: SeedSize,
  now: Date,
  from: number,
  to: number,
) {
  const tools = sql.raw(`array[${TOOLS.map((t) => `'${t}'`).join(',')}]`);
  const [as, mcp, gateway] = sourceIds;
  return sql`
    insert into audit_events (org_id, recorded_at, occurred_at, type, source_id, source_event_id,
      actor_type, actor_id, actor_label, agent_id, issuer, client_id, subject_id, sub, resource,
      tool, token_ref, outcome, ip, user_agent, reason, summary, data)
    select ${orgId}, y.at + interval '1 millisecond' * y.lag, y.at, y.type,
      case when y.actor_type = 'admin' then null
        when y.resource is not null then (case when y.ro > 0.9 then ${gateway}::uuid else ${mcp}::uuid end)
        else ${as}::uuid end,
      case when y.actor_type = 'admin' then null else 'evt-' || y.g end,
      y.actor_type::actor_type,
      case when y.actor_type = 'admin' then 'admin-' || (y.g % 3) else y.client_id end,
      case when y.actor_type = 'admin' then 'admin' || (y.g % 3) || '@corp.example' else y.client_name end,
      y.agent_id, y.issuer, y.client_id, y.subject_id, y.sub, y.resource, y.tool, y.token_ref,
      y.outcome, y.ip,
      case when y.type like 'user.%' then 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0' end,
      case y.type when 'tool.denied' then 'insufficient_scope: needs mcp' || y.mk || ':write'
        when 'authorization.denied' then 'access_denied' when 'token.rejected' then 'expired'
        when 'user.sign_in_failed' then 'wrong password' end,
      case y.type
        when 'tool.invoked' then coalesce(y.sub, y.client_name) || ' used tool ' || y.tool || ' on ' || y.resource || ' (' || y.outcome || ')'
        when 'tool.denied' then y.sub || ' was denied tool ' || y.tool || ' on ' || y.resource || ' (needs mcp' || y.mk || ':write)'
        when 'token.issued' then 'Access token issued to ' || y.client_name || ' for ' || y.sub
        when 'consent.granted' then y.sub || ' granted ' || y.client_name || ' mcp' || y.mk || ':read on ' || y.resource
        when 'consent.revoked' then y.sub || ' revoked all access for ' || y.client_name || ' on ' || y.resource
        when 'authorization.denied' then y.client_name || ' denied authorization (access_denied) for ' || y.sub
        when 'token.rejected' then y.resource || ' rejected a token (expired) of ' || y.client_name
        when 'token.revoked' then 'Token revoked'
        when 'token.reuse_detected' then 'Refresh token reuse detected for ' || y.client_name || '; its family is revoked'
        when 'client.registered' then y.client_name || ' registered by DCR'
        when 'client.updated' then y.client_name || ' metadata updated'
        when 'resource.updated' then 'MCP server ' || y.mk || ' updated (' || y.resource || ')'
        when 'user.signed_in' then 'admin' || (y.g % 3) || '@corp.example signed in (password)'
        when 'user.sign_in_failed' then 'Failed sign-in for admin' || (y.g % 3) || '@corp.example'
        else 'admin' || (y.g % 3) || '@corp.example ' || replace(y.type, 'agent.', '') || ' ' || y.client_name
      end,
      case when y.actor_type = 'admin' then jsonb_build_object('reason', 'routine review')
      else jsonb_build_object('specversion', '1.0', 'id', 'evt-' || y.g,
        'source', coalesce(y.issuer, 'https://mcp' || y.mk || '.example.com'), 'type', y.type,
        'time', y.at, 'datacontenttype', 'application/json',
        'data', jsonb_strip_nulls(jsonb_build_object('client_id', y.client_id, 'sub', y.sub,
          'resource', y.resource, 'tool', y.tool, 'outcome', y.outcome, 'token_ref', y.token_ref,
          'ip', y.ip, 'scopes', jsonb_build_array('mcp' || y.mk || ':read')))) end
    from (
      select x.*, a.id as agent_id, a.client_id, a.issuer, a.client_name, s.id as subject_id, s.sub,
        case when x.type like 'tool.%' or x.type in ('consent.granted', 'consent.revoked',
          'token.rejected', 'resource.updated') then 'https://mcp' || x.mk || '.example.com/mcp' end as resource,
        case when x.type like 'tool.%' then (${tools})[x.tj + 1] end as tool,
        case when x.type like 'tool.%' or x.type like 'token.%'
          then 'tok_' || lpad(to_hex(x.tk), 8, '0') end as token_ref,
        case when x.type = 'tool.invoked' then
            (case when x.ro < 0.93 then 'ok' when x.ro < 0.98 then 'error' else 'denied' end)
          when x.type in ('tool.denied', 'authorization.denied') then 'denied'
          when x.type = 'token.rejected' then 'rejected'
          when x.type = 'user.signed_in' then 'success'
          when x.type = 'user.sign_in_failed' then 'failure' end as outcome,
        case when x.type in ('resource.updated', 'client.registered', 'client.updated') then null
          when x.ipk % 4 = 0 then '198.51.' || ((x.ipk / 256) % 256) || '.' || (x.ipk % 256)
          else '10.' || ((x.ipk / 65536) % 256) || '.' || ((x.ipk / 256) % 256) || '.' || (x.ipk % 256)
        end as ip,
        case when x.type like 'user.%' or x.type like 'agent.%' then 'admin' else 'agent' end as actor_type
      from (
        select r.*, t.type,
          t.type not in ('user.signed_in', 'user.sign_in_failed', 'resource.updated') as has_agent,
          t.type in ('tool.invoked', 'tool.denied', 'token.issued', 'consent.granted',
            'consent.revoked', 'authorization.denied', 'token.revoked') as has_sub
        from (
          select g,
            -- In g's order (as events arrive, so the heap is in time order like a real
            -- trail's), denser towards now, a few minutes out of order.
            date_trunc('milliseconds', ${now.toISOString()}::timestamptz
              - interval '365 days' * power(1 - (g - 0.5) / ${size.events}, 1.2)
              - interval '1 millisecond' * floor(random() * 600000)) as at,
            floor(random() * 1500)::int as lag,
            random() as rt, random() as ro,
            1 + floor(${size.agents} * power(random(), 3))::int as ai,
            1 + floor(${size.subjects} * power(random(), 2))::int as si,
            floor(${size.servers} * power(random(), 2))::int as mk,
            floor(${TOOLS.length} * power(random(), 1.5))::int as tj,
            1 + floor(${size.tokens} * random())::int as tk,
            floor(50000 * power(random(), 2))::int as ipk
          from generate_series(${from}::int, ${to}::int) g
        ) r
        cross join lateral (select case
          when r.rt < 0.10 then 'token.issued' when r.rt < 0.14 then 'tool.denied'
          when r.rt < 0.17 then 'consent.granted' when r.rt < 0.19 then 'authorization.denied'
          when r.rt < 0.20 then 'token.rejected' when r.rt < 0.21 then 'token.revoked'
          when r.rt < 0.215 then 'consent.revoked' when r.rt < 0.22 then 'user.signed_in'
          when r.rt < 0.222 then 'client.updated' when r.rt < 0.224 then 'client.registered'
          when r.rt < 0.2242 then 'token.reuse_detected' when r.rt < 0.2245 then 'resource.updated'
          when r.rt < 0.225 then 'user.sign_in_failed' when r.rt < 0.2252 then 'agent.verified'
          when r.rt < 0.2253 then 'agent.suspended' else 'tool.invoked' end as type) t
      ) x
      left join bench_agents a on x.has_agent and a.i = x.ai
      left join bench_subjects s on x.has_sub and s.i = x.si
    ) y`;
}

export const SEED_CHUNK = 250_000;

/** Inserts the events in chunks, `parallel` at a time (each chunk is its own statement). */
export async function seedAuditEvents(
  db: Db,
  orgId: string,
  sourceIds: string[],
  size: SeedSize,
  now: Date,
  log: (line: string) => void,
  parallel = 2,
): Promise<void> {
  const started = Date.now();
  const chunks: [number, number][] = [];
  for (let from = 1; from <= size.events; from += SEED_CHUNK) {
    chunks.push([from, Math.min(size.events, from + SEED_CHUNK - 1)]);
  }
  let done = 0;
  const worker = async () => {
    for (let next = chunks.shift(); next; next = chunks.shift()) {
      const [from, to] = next;
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local synchronous_commit = off`);
        await tx.execute(chunkInsert(orgId, sourceIds, size, now, from, to));
      });
      done += to - from + 1;
      const perSecond = Math.round(done / ((Date.now() - started) / 1000));
      log(
        `audit events: ${done.toLocaleString('en')} of ${size.events.toLocaleString('en')} (${perSecond.toLocaleString('en')}/s)`,
      );
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
