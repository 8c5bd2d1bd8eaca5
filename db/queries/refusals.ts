import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Executor } from '../client';
import { agents, revocationEntries, subjects, tokens, type RevocationEntry } from '../schema';
import type { RevocationKind } from '../schema/values';

/**
 * Which revocation entry refuses a token, consent or agent (shared/spec/revocation.md, *Entries*
 * and the end of *Enforcement*) — the one definition, used by `POST /api/v1/revocations/check`
 * with the caller's identifiers and by every read of tokens, consents and agents with their
 * columns, so the check endpoint, the API and the console never disagree.
 *
 * A `token` or `family` entry always refuses. For `grant`, `agent` and `subject` the newest entry
 * of each decides: one with `not_before` (a reinstatement) refuses only tokens issued before it,
 * and a token whose issuance is unknown too, since a server that cannot tell must not let an old
 * token through. Of the entries that refuse, the newest (highest `seq`) is the answer.
 *
 * A consent or an agent is refused when a token issued now would be (`issuedAt` = now): a
 * reinstated agent or grant is not refused, one reinstated from a later time still is.
 */

type Expression = SQL | AnyPgColumn;

// The subqueries' aliases (rv_…) stay clear of the aliases of the queries they are put in.

/** What identifies the thing asked about; a key left out (or null) leaves out its kind. */
export type Coverage = {
  /** the org whose entries count (a parameter, so the gate below is computed once per query) */
  orgId: string;
  tokenRef?: Expression | null;
  familyId?: Expression | null;
  /** the agent's issuer: `grant` and `agent` entries */
  issuer?: Expression | null;
  clientId?: Expression | null;
  sub?: Expression | null;
  /** the subject's issuer: `subject` entries (the same as the agent's for one AS) */
  subjectIssuer?: Expression | null;
  /** when the token was issued; SQL null when unknown */
  issuedAt: Expression;
};

/** A timestamp parameter: postgres.js cannot bind a Date inside a raw template. */
const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** The entry that refuses, as the API answers it (`refused_by`). */
export type RefusedBy = {
  seq: string;
  kind: RevocationKind;
  revoked_at: string;
  reason: string | null;
  /** the reinstatement's time, when the refusing entry is one (tokens issued before it) */
  not_before?: string | null;
};

const org = (orgId: string) => sql`${orgId}::uuid`;

const newest = (kind: string, match: SQL[], orgId: string) =>
  sql`(select rv_e.id, rv_e.seq, rv_e.kind, rv_e.not_before from revocation_entries rv_e
    where rv_e.org_id = ${org(orgId)} and rv_e.kind = ${sql.raw(`'${kind}'`)}
      and ${sql.join(match, sql` and `)}
    order by rv_e.seq desc limit 1)`;

type Kind = 'token' | 'family' | 'grant' | 'agent' | 'subject';
const allKinds: readonly Kind[] = ['token', 'family', 'grant', 'agent', 'subject'];

/** The refusing candidates of `kinds`: at most one row per kind, each (id, seq, kind, not_before). */
function candidates(c: Coverage, kinds: readonly Kind[]): SQL {
  const branches: SQL[] = [];
  const eq = (column: string, value: Expression) => sql`rv_e.${sql.raw(column)} = ${value}`;
  const want = (kind: Kind) => kinds.includes(kind);
  if (want('token') && c.tokenRef)
    branches.push(newest('token', [eq('token_ref', c.tokenRef)], c.orgId));
  if (want('family') && c.familyId)
    branches.push(newest('family', [eq('family_id', c.familyId)], c.orgId));
  if (want('grant') && c.issuer && c.clientId && c.sub)
    branches.push(
      newest(
        'grant',
        [eq('issuer', c.issuer), eq('client_id', c.clientId), eq('sub', c.sub)],
        c.orgId,
      ),
    );
  if (want('agent') && c.issuer && c.clientId)
    branches.push(newest('agent', [eq('issuer', c.issuer), eq('client_id', c.clientId)], c.orgId));
  if (want('subject') && c.subjectIssuer && c.sub)
    branches.push(newest('subject', [eq('issuer', c.subjectIssuer), eq('sub', c.sub)], c.orgId));
  if (branches.length === 0)
    return sql`(select null::uuid as id, null::bigint as seq,
    null::revocation_kind as kind, null::timestamptz as not_before where false)`;
  return sql`(${sql.join(branches, sql` union all `)})`;
}

/** The refusing entry's id and seq, of `kinds` (all unless told), at most one row: the newest. */
function refusing(c: Coverage, kinds: readonly Kind[] = allKinds): SQL {
  return sql`select rv_c.id, rv_c.seq from ${candidates(c, kinds)} rv_c
    where rv_c.kind in ('token', 'family') or rv_c.not_before is null
      or ${c.issuedAt} is null or ${c.issuedAt} < rv_c.not_before
    order by rv_c.seq desc limit 1`;
}

/**
 * Whether an entry refuses it: for states, filters and counts, so evaluated for every row they
 * read. The same as `exists (refusing(c))`, split by kind (each kind's newest decides on its own)
 * so that most rows pay little: a `token` or `family` entry is one index probe each, and a
 * `grant`, `agent` or `subject` kind is looked up only when the org has an entry of that kind for
 * those identifiers at all — a hashed set of them, computed once per query.
 */
export function refusedSql(c: Coverage): SQL<boolean> {
  const parts: SQL[] = [];
  if (c.tokenRef) parts.push(sql`exists (${refusing(c, ['token'])})`);
  if (c.familyId) parts.push(sql`exists (${refusing(c, ['family'])})`);
  const gated = (kind: Kind, keys: Expression[], columns: string) =>
    parts.push(sql`((${sql.join(keys, sql`, `)}) in (select ${sql.raw(columns)}
      from revocation_entries rv_g where rv_g.org_id = ${org(c.orgId)}
        and rv_g.kind = ${sql.raw(`'${kind}'`)})
      and exists (${refusing(c, [kind])}))`);
  if (c.issuer && c.clientId && c.sub)
    gated('grant', [c.issuer, c.clientId, c.sub], 'rv_g.issuer, rv_g.client_id, rv_g.sub');
  if (c.issuer && c.clientId) gated('agent', [c.issuer, c.clientId], 'rv_g.issuer, rv_g.client_id');
  if (c.subjectIssuer && c.sub) gated('subject', [c.subjectIssuer, c.sub], 'rv_g.issuer, rv_g.sub');
  if (parts.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The refusing entry as `refused_by` (JSON), or null: for the rows a page shows. */
export function refusedBySql(c: Coverage): SQL<RefusedBy | null> {
  return sql<RefusedBy | null>`(select jsonb_build_object('seq', rv_x.seq::text,
      'kind', rv_x.kind, 'reason', rv_x.reason,
      'revoked_at', to_char(rv_x.revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'not_before', to_char(rv_x.not_before at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    from (${refusing(c)}) rv_r join revocation_entries rv_x on rv_x.id = rv_r.id)`;
}

/** A token's coverage; the query joins `agents` and `subjects` (left joins for tokens). */
export const tokenCoverage = (orgId: string): Coverage => ({
  orgId,
  tokenRef: tokens.tokenRef,
  familyId: tokens.familyId,
  issuer: agents.issuer,
  clientId: agents.clientId,
  sub: subjects.sub,
  subjectIssuer: subjects.issuer,
  issuedAt: tokens.issuedAt,
});

/** A consent's coverage now; the query joins `agents` and `subjects`. */
export const consentCoverage = (orgId: string, now: Date): Coverage => ({
  orgId,
  issuer: agents.issuer,
  clientId: agents.clientId,
  sub: subjects.sub,
  subjectIssuer: subjects.issuer,
  issuedAt: at(now),
});

/** An agent's coverage now: only `agent` entries refuse the agent itself. */
export const agentCoverage = (orgId: string, now: Date): Coverage => ({
  orgId,
  issuer: agents.issuer,
  clientId: agents.clientId,
  issuedAt: at(now),
});

/**
 * The coverage of a raw query's rows by their aliases: a token (`token`, with `agent` and
 * `subject` joined) or, without `token`, a consent of `agent` for `subject` as of `now`.
 */
export function aliasCoverage(
  orgId: string,
  alias: { token?: string; agent: string; subject: string },
  now: Date,
): Coverage {
  const col = (table: string, column: string) => sql.raw(`${table}.${column}`);
  const { token, agent, subject } = alias;
  return {
    orgId,
    ...(token ? { tokenRef: col(token, 'token_ref'), familyId: col(token, 'family_id') } : {}),
    issuer: col(agent, 'issuer'),
    clientId: col(agent, 'client_id'),
    sub: col(subject, 'sub'),
    subjectIssuer: col(subject, 'issuer'),
    issuedAt: token ? col(token, 'issued_at') : at(now),
  };
}

/** The refusing entry for the check endpoint's identifiers, or null. */
export async function findRefusingEntry(
  db: Executor,
  orgId: string,
  ids: {
    tokenRef: string | null;
    familyId: string | null;
    issuer: string | null;
    clientId: string | null;
    sub: string | null;
    /** when the caller knows it; else the hub's own record of the token, else unknown */
    issuedAt: Date | null;
  },
): Promise<RevocationEntry | null> {
  const param = (value: string | null) => (value === null ? null : sql`${value}::text`);
  const issuedAt = ids.issuedAt
    ? at(ids.issuedAt)
    : ids.tokenRef
      ? sql`(select t.issued_at from tokens t where t.org_id = ${orgId}::uuid
          and t.token_ref = ${ids.tokenRef}::text)`
      : sql`null::timestamptz`;
  const found = rowsOf<{ id: string }>(
    await db.execute(
      refusing({
        orgId,
        tokenRef: param(ids.tokenRef),
        familyId: param(ids.familyId),
        issuer: param(ids.issuer),
        clientId: param(ids.clientId),
        sub: param(ids.sub),
        subjectIssuer: param(ids.issuer),
        issuedAt,
      }),
    ),
  )[0];
  if (!found) return null;
  const [entry] = await db
    .select()
    .from(revocationEntries)
    .where(sql`${revocationEntries.id} = ${found.id}::uuid`);
  return entry ?? null;
}
