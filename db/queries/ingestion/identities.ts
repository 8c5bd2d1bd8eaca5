import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../client';
import { jsonRows } from './bulk';

/**
 * What one batch says about an agent. Every field merges commutatively (sums, earliest, latest),
 * so batches give the same agent in any order.
 */
export type AgentFacts = {
  issuer: string;
  clientId: string;
  lastSeenAt: Date;
  lastUsedAt: Date | null;
  denials: number;
  rejections: number;
  reuseDetectedAt: Date | null;
  passthroughDetectedAt: Date | null;
  firstRegisteredAt: Date | null;
  lastRegisteredAt: Date | null;
  lastDeletedAt: Date | null;
  metadataTime: Date | null;
};

export type SubjectFacts = { issuer: string; sub: string; lastSeenAt: Date };

export type IdentityRow = { id: string; issuer: string; key: string; name?: string | null };

/**
 * Creates the agents and subjects a batch names on first sight and merges its facts into them,
 * in one statement. An agent's `deleted_at` follows its newest deletion unless a registration is
 * newer still (a CIMD client may come back).
 */
export async function upsertIdentities(
  tx: Executor,
  orgId: string,
  agents: readonly AgentFacts[],
  subjects: readonly SubjectFacts[],
): Promise<{ agents: IdentityRow[]; subjects: IdentityRow[] }> {
  if (agents.length === 0 && subjects.length === 0) return { agents: [], subjects: [] };
  const result = await tx.execute(sql`
    with a as (
      insert into agents as a (org_id, issuer, client_id, last_seen_at, last_used_at,
        denial_count, rejection_count, reuse_detected_at, passthrough_detected_at, registered_at,
        last_registered_at, last_deleted_at, deleted_at, metadata_time)
      select ${orgId}::uuid, x.issuer, x."clientId", x."lastSeenAt", x."lastUsedAt", x.denials,
        x.rejections, x."reuseDetectedAt", x."passthroughDetectedAt", x."firstRegisteredAt",
        x."lastRegisteredAt", x."lastDeletedAt",
        case when x."lastDeletedAt" >= coalesce(x."lastRegisteredAt", '-infinity')
          then x."lastDeletedAt" end,
        x."metadataTime"
      from jsonb_to_recordset(${jsonRows(agents)}) as x(issuer text, "clientId" text,
        "lastSeenAt" timestamptz, "lastUsedAt" timestamptz, denials bigint, rejections bigint,
        "reuseDetectedAt" timestamptz, "passthroughDetectedAt" timestamptz,
        "firstRegisteredAt" timestamptz, "lastRegisteredAt" timestamptz,
        "lastDeletedAt" timestamptz, "metadataTime" timestamptz)
      order by x.issuer, x."clientId"
      on conflict (org_id, issuer, client_id) do update set
        last_seen_at = greatest(a.last_seen_at, excluded.last_seen_at),
        last_used_at = greatest(a.last_used_at, excluded.last_used_at),
        denial_count = a.denial_count + excluded.denial_count,
        rejection_count = a.rejection_count + excluded.rejection_count,
        reuse_detected_at = greatest(a.reuse_detected_at, excluded.reuse_detected_at),
        passthrough_detected_at =
          greatest(a.passthrough_detected_at, excluded.passthrough_detected_at),
        registered_at = least(a.registered_at, excluded.registered_at),
        last_registered_at = greatest(a.last_registered_at, excluded.last_registered_at),
        last_deleted_at = greatest(a.last_deleted_at, excluded.last_deleted_at),
        deleted_at = case
          when greatest(a.last_deleted_at, excluded.last_deleted_at)
            >= coalesce(greatest(a.last_registered_at, excluded.last_registered_at), '-infinity')
          then greatest(a.last_deleted_at, excluded.last_deleted_at) end,
        metadata_time = greatest(a.metadata_time, excluded.metadata_time),
        updated_at = now()
      returning 'agent' as kind, id, issuer, client_id as key, client_name as name
    ), s as (
      insert into subjects as s (org_id, issuer, sub, last_seen_at)
      select ${orgId}::uuid, x.issuer, x.sub, x."lastSeenAt"
      from jsonb_to_recordset(${jsonRows(subjects)}) as x(issuer text, sub text,
        "lastSeenAt" timestamptz)
      order by x.issuer, x.sub
      on conflict (org_id, issuer, sub) do update set
        last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at),
        updated_at = now()
      returning 'subject' as kind, id, issuer, sub as key, null::text as name
    )
    select * from a union all select * from s`);
  const rows = rowsOf<IdentityRow & { kind: 'agent' | 'subject' }>(result);
  return {
    agents: rows.filter((r) => r.kind === 'agent'),
    subjects: rows.filter((r) => r.kind === 'subject'),
  };
}
