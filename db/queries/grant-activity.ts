import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditEvents, mcpServers, scopeCatalog } from '../schema';
import { at } from './consents';
import { auditListColumns } from './audit';
import { encodeAuditCursor, type AuditCursor } from './audit-cursor';

/** What the consent and token pages show around them: scope meanings and the calls made. */

/** Scope → description as the consent's MCP server published it (any server when no resource). */
export async function scopeDescriptions(
  db: Executor,
  orgId: string,
  resource: string | null,
  scopes: readonly string[],
): Promise<Map<string, string>> {
  if (scopes.length === 0) return new Map();
  const rows = await db
    .select({ scope: scopeCatalog.scope, description: scopeCatalog.description })
    .from(scopeCatalog)
    .innerJoin(mcpServers, eq(mcpServers.id, scopeCatalog.serverId))
    .where(
      and(
        eq(scopeCatalog.orgId, orgId),
        sql`${scopeCatalog.scope} = any(${sql`array(select jsonb_array_elements_text(${JSON.stringify(scopes)}::text::jsonb))`})`,
        sql`${scopeCatalog.description} is not null`,
        resource === null ? undefined : eq(mcpServers.resource, resource),
      ),
    )
    .orderBy(scopeCatalog.scope, mcpServers.resource);
  const map = new Map<string, string>();
  for (const row of rows) if (!map.has(row.scope)) map.set(row.scope, row.description!);
  return map;
}

async function keysetPage(db: Executor, where: SQL[], cursor: AuditCursor | null, limit: number) {
  if (cursor) {
    where.push(
      sql`(${auditEvents.occurredAt}, ${auditEvents.number}) < (${at(new Date(cursor.occurredAt))}, ${cursor.id})`,
    );
  }
  const rows = await db
    .select({ ...auditListColumns, tokenRef: auditEvents.tokenRef, reason: auditEvents.reason })
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.number))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor:
      rows.length > limit && last
        ? encodeAuditCursor({ occurredAt: last.occurredAt.toISOString(), id: last.id })
        : null,
  };
}

export type ActivityPage = Awaited<ReturnType<typeof keysetPage>>;

/**
 * The tool calls an agent made for a subject (on one resource when the consent has one), newest
 * first, keyset-paged on the subject index.
 */
export function listConsentToolCalls(
  db: Executor,
  orgId: string,
  options: {
    agentId: string;
    subjectId: string;
    resource: string | null;
    cursor: AuditCursor | null;
    limit: number;
  },
) {
  const where: SQL[] = [
    eq(auditEvents.orgId, orgId),
    eq(auditEvents.subjectId, options.subjectId),
    eq(auditEvents.agentId, options.agentId),
    sql`${auditEvents.type} in ('tool.invoked', 'tool.denied')`,
  ];
  if (options.resource !== null) where.push(eq(auditEvents.resource, options.resource));
  return keysetPage(db, where, options.cursor, options.limit);
}

/**
 * Events that name a token (its issuance, tool calls, revocation), newest first. audit_events has
 * no index on token_ref, so the search is held to the token's agent (and events naming no agent,
 * as a token.revoked often does) and to the time
 * the token can have been used: from an hour before its issuance to an hour after the last of
 * its issuance, last use and end. A token the hub knows only by its revocation has no agent: then
 * only the time bounds it.
 */
export function listTokenEvents(
  db: Executor,
  orgId: string,
  token: {
    tokenRef: string;
    agentId: string | null;
    issuedAt: Date | null;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
    createdAt: Date;
  },
  options: { cursor: AuditCursor | null; limit: number },
) {
  const hour = 3600 * 1000;
  const known = [token.issuedAt, token.lastUsedAt, token.revokedAt].filter(
    (d): d is Date => d !== null,
  );
  const times = (known.length ? known : [token.createdAt]).map((d) => d.getTime());
  const from = new Date(Math.min(...times) - hour);
  const to = new Date(Math.max(...times) + hour);
  const where: SQL[] = [
    eq(auditEvents.orgId, orgId),
    sql`${auditEvents.occurredAt} between ${at(from)} and ${at(to)}`,
    eq(auditEvents.tokenRef, token.tokenRef),
  ];
  // A token.revoked often names only the token: events without an agent are searched too.
  if (token.agentId) {
    where.push(
      sql`(${auditEvents.agentId} = ${token.agentId}::uuid or ${auditEvents.agentId} is null)`,
    );
  }
  return keysetPage(db, where, options.cursor, options.limit);
}
