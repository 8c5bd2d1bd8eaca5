import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../client';
import { jsonRows, textArray, uuidArray } from './bulk';

export type GrantRevocationRow = {
  id: string;
  agentId: string;
  subjectId: string | null;
  consentKey: string | null;
  resource: string | null;
  scopes: string[] | null;
  occurredAt: Date;
  eventType: string;
  reason: string | null;
  actor: unknown;
  sourceEventId: string | null;
};

export function grantRevocationsStatement(
  orgId: string,
  rows: readonly GrantRevocationRow[],
): SQL | null {
  if (rows.length === 0) return null;
  return sql`
    insert into grant_revocations (id, org_id, agent_id, subject_id, consent_key, resource,
      scopes, occurred_at, event_type, reason, actor, source_event_id)
    select x.id, ${orgId}::uuid, x."agentId", x."subjectId", x."consentKey", x.resource,
      x.scopes, x."occurredAt", x."eventType", x.reason, x.actor, x."sourceEventId"
    from jsonb_to_recordset(${jsonRows(rows)}) as x(id uuid, "agentId" uuid, "subjectId" uuid,
      "consentKey" text, resource text, scopes text[], "occurredAt" timestamptz,
      "eventType" text, reason text, actor jsonb, "sourceEventId" text)`;
}

export type ConsentIdentity = {
  id: string;
  key: string;
  agentId: string;
  subjectId: string;
};

/** A row of consent_scope_changes; `id` is null until it is stored. */
export type HistoryRow = {
  id: string | null;
  consentId: string;
  kind: 'grant' | 'revoke';
  requested: string[] | null;
  resource: string | null;
  expiresAt: Date | null;
  mechanism: string | null;
  revocationId: string | null;
  change: 'granted' | 'widened' | 'narrowed' | 'revoked';
  added: string[];
  removed: string[];
  scopesAfter: string[];
  occurredAt: Date;
  actor: unknown;
  reason: string | null;
  sourceEventId: string | null;
};

export type UsageRow = { agentId: string; subjectId: string; resource: string; lastUsedAt: Date };
export type ConsentContext = {
  /** stored consents with one of the keys, or reached by one of the revocations */
  consents: ConsentIdentity[];
  history: HistoryRow[];
  /** revocations that may reach consents of those consents' agent–subject pairs or `pairs` */
  revocations: GrantRevocationRow[];
  usage: UsageRow[];
};

const at = (value: unknown) => new Date(value as string);

/**
 * Everything a consent replay needs, in one round trip: the stored consents the batch touches,
 * their history, and the revocations and uses of their agent–subject pairs (and of `pairs`, the
 * pairs of consents the batch creates).
 */
export async function loadConsentContext(
  tx: Executor,
  orgId: string,
  keys: readonly string[],
  revocations: readonly GrantRevocationRow[],
  pairs: readonly { agentId: string; subjectId: string }[],
): Promise<ConsentContext> {
  const org = sql`${orgId}::uuid`;
  const result = await tx.execute(sql`
    with touched as (
      select c.id, c.key, c.agent_id, c.subject_id
      from unnest(${textArray(keys)}) as k(key) cross join lateral (
        select * from consents c where c.org_id = ${org} and c.key = k.key offset 0
      ) c
      union
      select c.id, c.key, c.agent_id, c.subject_id
      from jsonb_to_recordset(${jsonRows(revocations)}) as r("agentId" uuid, "subjectId" uuid,
        "consentKey" text, resource text)
      cross join lateral (
        select * from consents c
        where c.org_id = ${org} and c.agent_id = r."agentId"
          and (r."subjectId" is null or c.subject_id = r."subjectId")
          and (r."consentKey" is null or c.key = r."consentKey")
          and (r.resource is null or c.resource = r.resource)
        offset 0
      ) c
    ), pairs as (
      select agent_id, subject_id from touched
      union
      select p."agentId", p."subjectId"
      from jsonb_to_recordset(${jsonRows(pairs)}) as p("agentId" uuid, "subjectId" uuid)
    )
    select
      (select coalesce(json_agg(json_build_object('id', t.id, 'key', t.key,
        'agentId', t.agent_id, 'subjectId', t.subject_id)), '[]') from touched t) as consents,
      (select coalesce(json_agg(json_build_object('id', h.id, 'consentId', h.consent_id,
        'kind', h.kind, 'requested', h.requested, 'resource', h.resource,
        'expiresAt', h.expires_at, 'mechanism', h.mechanism, 'revocationId', h.revocation_id,
        'change', h.change, 'added', h.added, 'removed', h.removed,
        'scopesAfter', h.scopes_after, 'occurredAt', h.occurred_at, 'actor', h.actor,
        'reason', h.reason, 'sourceEventId', h.source_event_id)), '[]')
        from touched t cross join lateral (
          select * from consent_scope_changes h where h.consent_id = t.id offset 0
        ) h) as history,
      (select coalesce(json_agg(json_build_object('id', g.id, 'agentId', g.agent_id,
        'subjectId', g.subject_id, 'consentKey', g.consent_key, 'resource', g.resource,
        'scopes', g.scopes, 'occurredAt', g.occurred_at, 'eventType', g.event_type,
        'reason', g.reason, 'actor', g.actor, 'sourceEventId', g.source_event_id)), '[]')
        from (select distinct agent_id from pairs) a cross join lateral (
          select * from grant_revocations g
          where g.org_id = ${org} and g.agent_id = a.agent_id
            and (g.subject_id is null or g.subject_id = any(array(select subject_id from pairs
              where pairs.agent_id = a.agent_id)))
          offset 0
        ) g
      ) as revocations,
      (select coalesce(json_agg(json_build_object('agentId', u.agent_id,
        'subjectId', u.subject_id, 'resource', u.resource, 'lastUsedAt', u.last_used_at)), '[]')
        from pairs p cross join lateral (
          select * from grant_usage u
          where u.org_id = ${org} and u.agent_id = p.agent_id and u.subject_id = p.subject_id
          offset 0
        ) u
      ) as usage`);
  const [row] = rowsOf<Record<keyof ConsentContext, Record<string, unknown>[]>>(result);
  return {
    consents: (row?.consents ?? []) as ConsentIdentity[],
    history: (row?.history ?? []).map((h) => ({
      ...(h as HistoryRow),
      expiresAt: h.expiresAt ? at(h.expiresAt) : null,
      occurredAt: at(h.occurredAt),
    })),
    revocations: (row?.revocations ?? []).map((g) => ({
      ...(g as GrantRevocationRow),
      occurredAt: at(g.occurredAt),
    })),
    usage: (row?.usage ?? []).map((u) => ({ ...(u as UsageRow), lastUsedAt: at(u.lastUsedAt) })),
  };
}

export type ConsentColumns = {
  id: string;
  key: string;
  externalId: string | null;
  agentId: string;
  subjectId: string;
  resource: string | null;
  scopes: string[];
  status: 'active' | 'revoked';
  mechanism: string | null;
  grantedAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

export function upsertConsentsStatement(
  orgId: string,
  rows: readonly ConsentColumns[],
): SQL | null {
  if (rows.length === 0) return null;
  return sql`
    insert into consents as c (id, org_id, key, external_id, agent_id, subject_id, resource,
      scopes, status, mechanism, granted_at, expires_at, revoked_at, last_used_at)
    select x.id, ${orgId}::uuid, x.key, x."externalId", x."agentId", x."subjectId", x.resource,
      x.scopes, x.status, x.mechanism, x."grantedAt", x."expiresAt", x."revokedAt",
      x."lastUsedAt"
    from jsonb_to_recordset(${jsonRows(rows)}) as x(id uuid, key text, "externalId" text,
      "agentId" uuid, "subjectId" uuid, resource text, scopes text[], status consent_status,
      mechanism consent_mechanism, "grantedAt" timestamptz, "expiresAt" timestamptz,
      "revokedAt" timestamptz, "lastUsedAt" timestamptz)
    order by x.key
    on conflict (org_id, key) do update set
      resource = excluded.resource, scopes = excluded.scopes, status = excluded.status,
      mechanism = excluded.mechanism, granted_at = excluded.granted_at,
      expires_at = excluded.expires_at, revoked_at = excluded.revoked_at,
      last_used_at = excluded.last_used_at, updated_at = now()`;
}

const historyColumns = sql`("consentId" uuid, kind text, requested text[], resource text,
  "expiresAt" timestamptz, mechanism consent_mechanism, "revocationId" uuid,
  change consent_change, added text[], removed text[], "scopesAfter" text[],
  "occurredAt" timestamptz, actor jsonb, reason text, "sourceEventId" text, id uuid)`;

export function insertHistoryStatement(orgId: string, rows: readonly HistoryRow[]): SQL | null {
  if (rows.length === 0) return null;
  return sql`
    insert into consent_scope_changes (org_id, consent_id, kind, requested, resource, expires_at,
      mechanism, revocation_id, change, added, removed, scopes_after, occurred_at, actor, reason,
      source_event_id)
    select ${orgId}::uuid, x."consentId", x.kind, x.requested, x.resource, x."expiresAt",
      x.mechanism, x."revocationId", x.change, x.added, x.removed, x."scopesAfter",
      x."occurredAt", x.actor, x.reason, x."sourceEventId"
    from jsonb_to_recordset(${jsonRows(rows)}) as x${historyColumns}`;
}

/** Rewrites the computed effect of existing history rows. */
export function updateHistoryStatement(rows: readonly HistoryRow[]): SQL | null {
  if (rows.length === 0) return null;
  return sql`
    update consent_scope_changes h set change = x.change, added = x.added, removed = x.removed,
      scopes_after = x."scopesAfter"
    from jsonb_to_recordset(${jsonRows(rows)}) as x${historyColumns}
    where h.id = any(${uuidArray(rows.map((r) => r.id!))}) and h.id = x.id`;
}

export function deleteHistoryStatement(ids: readonly string[]): SQL | null {
  if (ids.length === 0) return null;
  return sql`delete from consent_scope_changes where id = any(${uuidArray(ids)})`;
}
