import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { tokens } from '../../schema';
import { jsonRows, textArray, uuidArray } from './bulk';

export const tokenColumns = {
  tokenRef: tokens.tokenRef,
  tokenType: tokens.tokenType,
  agentId: tokens.agentId,
  subjectId: tokens.subjectId,
  consentKey: tokens.consentKey,
  familyId: tokens.familyId,
  parentRef: tokens.parentRef,
  scopes: tokens.scopes,
  resource: tokens.resource,
  grantType: tokens.grantType,
  issuedAt: tokens.issuedAt,
  expiresAt: tokens.expiresAt,
  ownRevokedAt: tokens.ownRevokedAt,
  ownRevocationReason: tokens.ownRevocationReason,
};

export type TokenState = {
  [K in keyof typeof tokenColumns]: (typeof tokens.$inferSelect)[K];
};

export async function loadTokens(
  tx: Executor,
  orgId: string,
  refs: readonly string[],
): Promise<TokenState[]> {
  if (refs.length === 0) return [];
  return tx
    .select(tokenColumns)
    .from(tokens)
    .where(and(eq(tokens.orgId, orgId), inArray(tokens.tokenRef, [...refs])));
}

/**
 * Writes tokens as the caller merged them with what was stored; their last use comes from
 * token_usage. Their end (`revoked_*`) is left to applyTokenEnds, which derives it from every
 * cause.
 */
export function writeTokens(orgId: string, rows: readonly TokenState[]): SQL | null {
  if (rows.length === 0) return null;
  return sql`
    insert into tokens as t (org_id, token_ref, token_type, agent_id, subject_id, consent_key,
      family_id, parent_ref, scopes, resource, grant_type, issued_at, expires_at,
      own_revoked_at, own_revocation_reason, last_used_at)
    select ${orgId}::uuid, x."tokenRef", x."tokenType", x."agentId", x."subjectId",
      x."consentKey", x."familyId", x."parentRef", coalesce(x.scopes, '{}'), x.resource,
      x."grantType", x."issuedAt", x."expiresAt", x."ownRevokedAt", x."ownRevocationReason",
      (select u.last_used_at from token_usage u
        where u.org_id = ${orgId}::uuid and u.token_ref = x."tokenRef")
    from jsonb_to_recordset(${jsonRows(rows)}) as x("tokenRef" text, "tokenType" token_type,
      "agentId" uuid, "subjectId" uuid, "consentKey" text, "familyId" text, "parentRef" text,
      scopes text[], resource text, "grantType" text, "issuedAt" timestamptz,
      "expiresAt" timestamptz, "ownRevokedAt" timestamptz, "ownRevocationReason" text)
    order by x."tokenRef"
    on conflict (org_id, token_ref) do update set
      token_type = excluded.token_type, agent_id = excluded.agent_id,
      subject_id = excluded.subject_id, consent_key = excluded.consent_key,
      family_id = excluded.family_id, parent_ref = excluded.parent_ref, scopes = excluded.scopes,
      resource = excluded.resource, grant_type = excluded.grant_type,
      issued_at = excluded.issued_at, expires_at = excluded.expires_at,
      own_revoked_at = excluded.own_revoked_at,
      own_revocation_reason = excluded.own_revocation_reason,
      last_used_at = excluded.last_used_at, updated_at = now()`;
}

export type TokenUse = { tokenRef: string; lastUsedAt: Date };

/** Last use of tokens by ref, known or not yet known. */
export function tokenUseStatement(orgId: string, uses: readonly TokenUse[]): SQL | null {
  if (uses.length === 0) return null;
  return sql`
    insert into token_usage as u (org_id, token_ref, last_used_at)
    select ${orgId}::uuid, x."tokenRef", x."lastUsedAt"
    from jsonb_to_recordset(${jsonRows(uses)}) as x("tokenRef" text, "lastUsedAt" timestamptz)
    order by x."tokenRef"
    on conflict (org_id, token_ref) do update set last_used_at = excluded.last_used_at
    where u.last_used_at < excluded.last_used_at`;
}

/** Moves the last use of the tokens the hub knows. */
export function tokenLastUseStatement(orgId: string, uses: readonly TokenUse[]): SQL | null {
  if (uses.length === 0) return null;
  return sql`
    with x as (
      select t.id, u."lastUsedAt" as at
      from jsonb_to_recordset(${jsonRows(uses)}) as u("tokenRef" text, "lastUsedAt" timestamptz)
      cross join lateral (
        select id from tokens where org_id = ${orgId}::uuid and token_ref = u."tokenRef" offset 0
      ) t
    )
    update tokens t set last_used_at = x.at, updated_at = now()
    from x
    where t.id = any(array(select id from x)) and t.id = x.id
      and (t.last_used_at is null or t.last_used_at < x.at)`;
}

/** Keeps each family's earliest revocation (ties: the smaller reason, so any order agrees). */
export function familyRevocationsStatement(
  orgId: string,
  rows: readonly { familyId: string; revokedAt: Date; reason: string }[],
): SQL | null {
  if (rows.length === 0) return null;
  return sql`
    insert into token_family_revocations as f (org_id, family_id, revoked_at, reason)
    select ${orgId}::uuid, x."familyId", x."revokedAt", x.reason
    from jsonb_to_recordset(${jsonRows(rows)}) as x("familyId" text, "revokedAt" timestamptz,
      reason text)
    order by x."familyId"
    on conflict (org_id, family_id) do update set
      revoked_at = excluded.revoked_at, reason = excluded.reason
    where (excluded.revoked_at, excluded.reason) < (f.revoked_at, f.reason)`;
}

export type TokenEndTargets = {
  refs: Iterable<string>;
  families: Iterable<string>;
  agents: Iterable<string>;
  pairs: readonly { agentId: string; subjectId: string }[];
  consentKeys: Iterable<string>;
};

/** Order of precedence when two ends have the same time. */
const rankOf = (column: string) =>
  sql.raw(`case ${column} when 'token' then 0 when 'family' then 1 when 'agent' then 2 else 3 end`);

/**
 * Recomputes the end and the consent link of the targeted tokens. The end is the earliest of
 * every stored cause that reaches a token: its own revocation; its family's (whatever its issue
 * time); and, for a token issued at or before it, a revocation of every scope of its agent (a
 * deletion), subject or consent, or the end of its consent. Recomputing rather than keeping the
 * earliest so far matters: a consent's end disappears when an older grant arrives late, and its
 * tokens must then come back too.
 */
export async function applyTokenEnds(
  tx: Executor,
  orgId: string,
  targets: TokenEndTargets,
): Promise<void> {
  const org = sql`${orgId}::uuid`;
  const columns = sql`id, agent_id, subject_id, consent_key, family_id, resource, issued_at,
    own_revoked_at, own_revocation_reason`;
  const sets = [
    ['token_ref', [...targets.refs], textArray],
    ['family_id', [...targets.families], textArray],
    ['agent_id', [...targets.agents], uuidArray],
    ['consent_key', [...targets.consentKeys], textArray],
  ] as const;
  // One indexed probe per value and set: an OR of the sets would scan the table. Probes are
  // lateral subqueries fenced with `offset 0` (or `limit`) so the planner cannot turn them into
  // a hash join over the org's whole table, which it likes to do on young tables.
  const lookups = sets
    .filter(([, values]) => values.length > 0)
    .map(
      ([column, values, array]) =>
        sql`select t.* from unnest(${array(values)}) as v(value) cross join lateral (
          select ${columns} from tokens
          where org_id = ${org} and ${sql.raw(column)} = v.value offset 0) t`,
    );
  if (targets.pairs.length > 0) {
    lookups.push(sql`select t.* from jsonb_to_recordset(${jsonRows(targets.pairs)})
      as p("agentId" uuid, "subjectId" uuid) cross join lateral (
        select ${columns} from tokens
        where org_id = ${org} and subject_id = p."subjectId" and agent_id = p."agentId"
        offset 0) t`);
  }
  if (lookups.length === 0) return;
  await tx.execute(sql`
    with target as (
      ${sql.join(lookups, sql` union `)}
    ), result as (
      select x.id, b.ended_at, b.kind, b.reason, c.id as consent_id
      from target x
      left join lateral (
        select * from (
          select x.own_revoked_at as ended_at, 'token' as kind, x.own_revocation_reason as reason
          where x.own_revoked_at is not null
          union all
          select f.revoked_at, 'family', f.reason
          from token_family_revocations f
          where f.org_id = ${org} and f.family_id = x.family_id
          union all
          select g.occurred_at,
            case when g.subject_id is null and g.consent_key is null then 'agent'
              else 'consent' end,
            case when g.subject_id is null and g.consent_key is null then 'agent deleted'
              else 'consent revoked' end
          from grant_revocations g
          where g.org_id = ${org} and g.agent_id = x.agent_id and g.scopes is null
            and g.occurred_at >= x.issued_at
            and (g.subject_id is null or g.subject_id = x.subject_id)
            and (g.consent_key is null or g.consent_key = x.consent_key)
            and (g.resource is null or g.resource = x.resource)
          union all
          select h.occurred_at, 'consent', 'consent revoked'
          from consents c2
          join consent_scope_changes h on h.consent_id = c2.id and h.change = 'revoked'
            and cardinality(h.removed) > 0 and h.occurred_at >= x.issued_at
          where c2.org_id = ${org} and c2.key = x.consent_key
        ) cause
        order by ended_at, ${rankOf('kind')}, reason
        limit 1
      ) b on true
      left join lateral (
        select c.id from consents c where c.org_id = ${org} and c.key = x.consent_key limit 1
      ) c on true
    )
    update tokens t set revoked_at = r.ended_at, revoked_by = r.kind,
      revocation_reason = r.reason, consent_id = r.consent_id, updated_at = now()
    from result r
    where t.id = any(array(select id from result)) and t.id = r.id
      and (t.revoked_at is distinct from r.ended_at
      or t.revoked_by is distinct from r.kind or t.revocation_reason is distinct from r.reason
      or t.consent_id is distinct from r.consent_id)`);
}
