import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { agents, consents, mcpServers, scopeCatalog, subjects } from '../schema';
import { rowsOf } from '../client';

/**
 * What the end user's own page reads. Every query finds the person by their own (issuer, sub),
 * from the session, and never by an id from a URL or a form alone, so nobody reaches another
 * person's consents through them.
 */

export type Me = { orgId: string; issuer: string; sub: string };

const mine = (me: Me) =>
  and(
    eq(consents.orgId, me.orgId),
    eq(subjects.orgId, me.orgId),
    eq(subjects.issuer, me.issuer),
    eq(subjects.sub, me.sub),
    eq(consents.status, 'active'),
  );

/** The active consents of one end user, newest first, with scopes in plain words. */
export async function listMyActiveConsents(db: Executor, me: Me) {
  const rows = await db
    .select({
      id: consents.id,
      agentId: consents.agentId,
      subjectId: consents.subjectId,
      scopes: consents.scopes,
      resource: consents.resource,
      serverName: mcpServers.name,
      grantedAt: consents.grantedAt,
      lastUsedAt: consents.lastUsedAt,
      agentName: agents.clientName,
      clientId: agents.clientId,
      logoUri: agents.logoUri,
      verificationStatus: agents.verificationStatus,
      redirectUris: agents.redirectUris,
    })
    .from(consents)
    .innerJoin(subjects, eq(subjects.id, consents.subjectId))
    .innerJoin(agents, eq(agents.id, consents.agentId))
    .leftJoin(
      mcpServers,
      and(eq(mcpServers.orgId, consents.orgId), eq(mcpServers.resource, consents.resource)),
    )
    .where(mine(me))
    .orderBy(desc(consents.grantedAt));
  const scopes = [...new Set(rows.flatMap((r) => r.scopes))];
  const described = scopes.length
    ? await db
        .select({ scope: scopeCatalog.scope, description: scopeCatalog.description })
        .from(scopeCatalog)
        .where(and(eq(scopeCatalog.orgId, me.orgId), inArray(scopeCatalog.scope, scopes)))
    : [];
  const descriptions = new Map(
    described.filter((d) => d.description).map((d) => [d.scope, d.description!]),
  );
  return rows.map((r) => ({
    ...r,
    permissions: r.scopes.map((scope) => ({ scope, text: descriptions.get(scope) ?? scope })),
  }));
}

export type MyConsent = Awaited<ReturnType<typeof listMyActiveConsents>>[number];

/** The ids of my active consents with one agent, or the one consent named, when it is mine. */
export async function findMyActiveConsentIds(
  db: Executor,
  me: Me,
  which: { agentId: string } | { consentId: string },
): Promise<string[]> {
  const rows = await db
    .select({ id: consents.id })
    .from(consents)
    .innerJoin(subjects, eq(subjects.id, consents.subjectId))
    .where(
      and(
        mine(me),
        'agentId' in which ? eq(consents.agentId, which.agentId) : eq(consents.id, which.consentId),
      ),
    )
    .orderBy(consents.grantedAt);
  return rows.map((r) => r.id);
}

export type RecentCall = {
  agentId: string;
  occurredAt: string;
  type: string;
  tool: string | null;
  resource: string | null;
  outcome: string | null;
};

/** The latest tool calls of each agent for this subject (a few per agent), on the subject index. */
export async function listRecentCalls(
  db: Executor,
  orgId: string,
  subjectId: string,
  agentIds: readonly string[],
  perAgent = 3,
): Promise<RecentCall[]> {
  if (agentIds.length === 0) return [];
  const ids = sql.join(
    agentIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return rowsOf<RecentCall>(
    await db.execute(sql`
      select a.agent_id as "agentId",
        to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "occurredAt", e.type, e.tool,
        e.resource, e.outcome
      from unnest(array[${ids}]) as a(agent_id)
      cross join lateral (
        select occurred_at, type, tool, resource, outcome from audit_events
        where org_id = ${orgId} and subject_id = ${subjectId} and agent_id = a.agent_id
          and type in ('tool.invoked', 'tool.denied')
        order by occurred_at desc, number desc limit ${perAgent}
      ) e
      order by e.occurred_at desc`),
  );
}
