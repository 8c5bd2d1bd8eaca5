import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { ensureAuditPartitions } from '@/db/queries/audit-partitions';
import { createOrg } from '@/db/queries/orgs';

/**
 * Seeds the console bench's database with server-side generate_series SQL: one org, three
 * sources, 30 MCP servers with 7 tools each, then agents, subjects, consents, tokens and tool
 * usage in proportion to `events` audit events spread over the 12 months before `now` (so every
 * monthly partition holds a share). Agents and subjects are drawn with a power-law skew (a few
 * agents make most calls), types and outcomes with realistic weights. The audit indexes are
 * dropped for the load and built afterwards, which is several times faster than keeping them.
 */

export type SeedSize = {
  events: number;
  agents: number;
  subjects: number;
  consents: number;
  tokens: number;
  servers: number;
};

export function seedSize(events: number): SeedSize {
  return {
    events,
    agents: Math.max(200, Math.round(events / 1_000)),
    subjects: Math.max(1_000, Math.round(events / 200)),
    consents: Math.max(1_000, Math.round(events / 200)),
    tokens: Math.max(10_000, Math.round(events / 10)),
    servers: 30,
  };
}

export const TOOLS = [
  'search',
  'read_file',
  'list_items',
  'create_issue',
  'write_file',
  'send_message',
  'delete_item',
];

const exec = async (db: Db, query: ReturnType<typeof sql>) => rowsOf(await db.execute(query));

export type SeedResult = { orgId: string; sourceIds: string[] };

export async function seedConsoleBench(
  db: Db,
  size: SeedSize,
  now: Date,
  log: (line: string) => void,
): Promise<SeedResult> {
  const org = await createOrg(db, { slug: 'bench', name: 'Bench org' });
  const orgId = org.id;
  const sourceIds: string[] = [];
  for (const [name, kind] of [
    ['Corporate AS', 'authorization_server'],
    ['MCP fleet', 'mcp_server'],
    ['Edge gateway', 'gateway'],
  ] as const) {
    const [row] = rowsOf<{ id: string }>(
      await db.execute(sql`insert into sources (org_id, name, kind, api_key_hash, api_key_prefix)
        values (${orgId}, ${name}, ${kind}, ${`bench-${kind}`}, 'hubsrc_bench') returning id`),
    );
    sourceIds.push(row!.id);
  }
  await ensureAuditPartitions(db, { now, monthsBack: 12, monthsAhead: 1 });

  const nowIso = now.toISOString();
  const tools = sql.raw(`array[${TOOLS.map((t) => `'${t}'`).join(',')}]`);
  log(`catalog: ${size.servers} MCP servers, ${size.servers * TOOLS.length} tools`);
  await exec(
    db,
    sql`insert into mcp_servers (org_id, resource, name, source_id, scopes_supported, last_event_at)
      select ${orgId}, 'https://mcp' || k || '.example.com/mcp', 'MCP server ' || k, ${sourceIds[1]},
        array['mcp' || k || ':read', 'mcp' || k || ':write'], ${nowIso}::timestamptz
      from generate_series(0, ${size.servers - 1}) k`,
  );
  await exec(
    db,
    sql`insert into mcp_tools (org_id, server_id, name, required_scopes)
      select ${orgId}, m.id, (${tools})[j + 1],
        array[replace(m.resource, 'https://', '') || case when j < 3 then ':read' else ':write' end]
      from mcp_servers m cross join generate_series(0, ${TOOLS.length - 1}) j
      where m.org_id = ${orgId}`,
  );

  log(`agents: ${size.agents}, subjects: ${size.subjects}`);
  // bench_agents / bench_subjects map the draw index to the row, for the joins below.
  await exec(
    db,
    sql`create table bench_agents as
      with made as (
        insert into agents (org_id, issuer, client_id, client_name, registration_method,
          verification_status, redirect_uris, registered_at, last_seen_at, last_used_at, scope)
        select ${orgId},
          case when i % 10 = 0 then 'https://as2.example' else 'https://as1.example' end,
          case when i % 7 = 0 then 'https://app' || i || '.example/client.json' else 'agent-' || i end,
          'Agent ' || i,
          (array['dcr', 'cimd', 'preregistered', 'manual'])[1 + i % 4]::registration_method,
          (case when random() < 0.7 then 'verified' when random() < 0.7 then 'pending'
            when random() < 0.7 then 'suspended' else 'blocked' end)::verification_status,
          array['https://app' || i || '.example/callback'],
          ${nowIso}::timestamptz - interval '400 days' * random(),
          ${nowIso}::timestamptz - interval '30 days' * random(),
          ${nowIso}::timestamptz - interval '30 days' * random(),
          'mcp' || (i % ${size.servers}) || ':read mcp' || (i % ${size.servers}) || ':write'
        from generate_series(1, ${size.agents}) i
        returning id, client_id, issuer, client_name
      )
      select (regexp_match(client_name, '\\d+$'))[1]::int as i, id, client_id, issuer, client_name
      from made`,
  );
  await exec(db, sql`alter table bench_agents add primary key (i)`);
  await exec(
    db,
    sql`create table bench_subjects as
      with made as (
        insert into subjects (org_id, issuer, sub, last_seen_at)
        select ${orgId}, 'https://as1.example',
          case when i % 5 = 0 then 'uid-' || left(md5(i::text), 12) else 'user' || i || '@corp.example' end,
          ${nowIso}::timestamptz - interval '30 days' * random()
        from generate_series(1, ${size.subjects}) i
        returning id, sub
      )
      select row_number() over () as i, id, sub from made`,
  );
  await exec(db, sql`alter table bench_subjects add primary key (i)`);

  log(`consents: ${size.consents}, tokens: ${size.tokens}, tool usage`);
  await exec(
    db,
    sql`insert into consents (org_id, key, agent_id, subject_id, resource, scopes, status, mechanism,
        granted_at, revoked_at, last_used_at)
      select ${orgId}, 'bench|' || c, a.id, s.id, 'https://mcp' || (c % ${size.servers}) || '.example.com/mcp',
        array['mcp' || (c % ${size.servers}) || ':read', 'mcp' || (c % ${size.servers}) || ':write'],
        (case when c % 7 = 0 then 'revoked' else 'active' end)::consent_status, 'interactive',
        ${nowIso}::timestamptz - interval '365 days' * random(),
        case when c % 7 = 0 then ${nowIso}::timestamptz - interval '10 days' * random() end,
        ${nowIso}::timestamptz - interval '60 days' * random()
      from generate_series(1, ${size.consents}) c
      join bench_agents a on a.i = 1 + (c % ${size.agents})
      join bench_subjects s on s.i = 1 + ((c * 7919) % ${size.subjects})`,
  );
  await exec(
    db,
    sql`insert into tokens (org_id, token_ref, token_type, agent_id, subject_id, family_id, scopes,
        resource, issued_at, expires_at, revoked_at, revocation_reason, revoked_by, last_used_at)
      select ${orgId}, 'tok_' || lpad(to_hex(t), 8, '0'),
        (case when t % 4 = 0 then 'refresh_token' else 'access_token' end)::token_type,
        a.id, s.id, 'fam_' || (t / 4), array['mcp' || (t % ${size.servers}) || ':read'],
        'https://mcp' || (t % ${size.servers}) || '.example.com/mcp', x.at,
        x.at + case when t % 4 = 0 then interval '30 days' else interval '1 hour' end,
        case when t % 33 = 0 then x.at + interval '5 minutes' end,
        case when t % 33 = 0 then 'bench' end, case when t % 33 = 0 then 'token' end,
        x.at + interval '10 minutes'
      from generate_series(1, ${size.tokens}) t
      cross join lateral (select ${nowIso}::timestamptz - interval '365 days' * power(random(), 2) as at) x
      join bench_agents a on a.i = 1 + (t % ${size.agents})
      join bench_subjects s on s.i = 1 + ((t * 31) % ${size.subjects})`,
  );
  await exec(
    db,
    sql`insert into tool_usage (org_id, agent_id, resource, tool, scope, ok_count, error_count,
        denied_count, first_used_at, last_used_at)
      select ${orgId}, a.id, 'https://mcp' || ((a.i + j) % ${size.servers}) || '.example.com/mcp',
        (${tools})[1 + (a.i + j) % ${TOOLS.length}],
        'mcp' || ((a.i + j) % ${size.servers}) || ':read',
        (1000 / a.i)::int + 1, (100 / a.i)::int, (50 / a.i)::int,
        ${nowIso}::timestamptz - interval '300 days', ${nowIso}::timestamptz - interval '20 days' * random()
      from bench_agents a cross join generate_series(0, 2) j`,
  );
  return { orgId, sourceIds };
}

/** Drops the audit trail's secondary indexes and returns the statements that build them again. */
export async function dropAuditIndexes(db: Db): Promise<string[]> {
  const indexes = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`select c.relname as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = 'public.audit_events'::regclass and not i.indisprimary`),
  );
  for (const index of indexes) await db.execute(sql.raw(`drop index "${index.name}"`));
  // pg_get_indexdef names a partitioned index `ON ONLY` the parent, which would build it on the
  // parent alone; without ONLY it is built on every partition too.
  return indexes.map((i) => i.def.replace(' ON ONLY ', ' ON '));
}
