import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../client';
import { sources, type NewAuditEvent } from '../../schema';
import { jsonRows } from './bulk';

/**
 * Claims a request's event ids and counts them on the source, in one statement:
 *
 * - It first takes a per-org lock for the rest of the transaction. The derived state is merged
 *   by reading it, folding the batch in and writing it back; two batches of one org doing that
 *   at once could each miss the other's rows (a token and its family's revocation, say).
 *   Different orgs never wait for each other.
 * - It records the ids for good (ingested_events) and answers those not seen before.
 * - It adds the accepted and duplicate counts to the source, and says whether the source exists
 *   in that org.
 */
export async function claimEvents(
  tx: Executor,
  orgId: string,
  sourceId: string,
  ids: readonly string[],
  received: number,
): Promise<{ fresh: Set<string>; sourceFound: boolean }> {
  const result = await tx.execute(sql`
    with lock as (
      select pg_advisory_xact_lock(hashtextextended(${`ingest:${orgId}`}, 0))
    ), claimed as (
      insert into ingested_events (org_id, source_id, event_id)
      select ${orgId}::uuid, ${sourceId}::uuid, x.id
      from jsonb_array_elements_text(${jsonRows(ids)}) as x(id) cross join lock
      on conflict do nothing
      returning event_id
    ), counted as (
      update sources set
        accepted_count = accepted_count + (select count(*) from claimed),
        duplicate_count = duplicate_count + ${received} - (select count(*) from claimed),
        last_event_at = now()
      where id = ${sourceId}::uuid and org_id = ${orgId}::uuid
      returning id
    )
    select coalesce((select json_agg(event_id) from claimed), '[]'::json) as fresh,
      exists (select 1 from counted) as found`);
  const [row] = rowsOf<{ fresh: string[]; found: boolean }>(result);
  return { fresh: new Set(row?.fresh ?? []), sourceFound: row?.found ?? false };
}

/** The distinct issuers of the org's authorization-server sources. */
export async function authorizationServerIssuers(tx: Executor, orgId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ issuer: sources.issuer })
    .from(sources)
    .where(
      and(
        eq(sources.orgId, orgId),
        eq(sources.kind, 'authorization_server'),
        isNotNull(sources.issuer),
      ),
    );
  return rows.map((r) => r.issuer!);
}

export type IngestedAuditRow = Required<
  Pick<
    NewAuditEvent,
    | 'occurredAt'
    | 'type'
    | 'understood'
    | 'sourceEventId'
    | 'actorType'
    | 'actorId'
    | 'agentId'
    | 'issuer'
    | 'clientId'
    | 'subjectId'
    | 'sub'
    | 'resource'
    | 'tool'
    | 'tokenRef'
    | 'outcome'
    | 'ip'
    | 'userAgent'
    | 'reason'
    | 'summary'
    | 'data'
  >
>;

/** The audit rows of a batch, as one statement. */
export function auditRowsStatement(
  orgId: string,
  sourceId: string,
  rows: readonly IngestedAuditRow[],
): SQL | null {
  if (rows.length === 0) return null;
  return sql`
    insert into audit_events (org_id, source_id, occurred_at, type, understood, source_event_id,
      actor_type, actor_id, agent_id, issuer, client_id, subject_id, sub, resource, tool,
      token_ref, outcome, ip, user_agent, reason, summary, data)
    select ${orgId}::uuid, ${sourceId}::uuid, x."occurredAt", x.type, x.understood,
      x."sourceEventId", x."actorType", x."actorId", x."agentId", x.issuer, x."clientId",
      x."subjectId", x.sub, x.resource, x.tool, x."tokenRef", x.outcome, x.ip, x."userAgent",
      x.reason, x.summary, x.data
    from jsonb_to_recordset(${jsonRows(rows)}) as x("occurredAt" timestamptz, type text,
      understood boolean, "sourceEventId" text, "actorType" actor_type, "actorId" text,
      "agentId" uuid, issuer text, "clientId" text, "subjectId" uuid, sub text, resource text,
      tool text, "tokenRef" text, outcome text, ip text, "userAgent" text, reason text,
      summary text, data jsonb)`;
}
