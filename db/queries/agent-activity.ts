import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditEvents } from '../schema';

/**
 * `occurredAt` is exact to the microsecond (event times may carry more than a Date holds); `id` is
 * the event's number in its org.
 */
export type ActivityCursor = { occurredAt: string; id: number };

/**
 * Everything an agent did or had done to it, newest first, keyset-paged on (occurred_at, number) over
 * audit_events_agent_idx so the hundredth page costs what the first does.
 */
export async function listAgentActivity(
  db: Executor,
  orgId: string,
  agentId: string,
  options: { before: ActivityCursor | null; limit: number },
) {
  const where = [eq(auditEvents.orgId, orgId), eq(auditEvents.agentId, agentId)];
  if (options.before) {
    where.push(
      sql`(${auditEvents.occurredAt}, ${auditEvents.number}) < (${options.before.occurredAt}::timestamptz, ${options.before.id})`,
    );
  }
  const rows = await db
    .select({
      id: auditEvents.number,
      occurredAt: auditEvents.occurredAt,
      type: auditEvents.type,
      actorType: auditEvents.actorType,
      actorLabel: auditEvents.actorLabel,
      sub: auditEvents.sub,
      resource: auditEvents.resource,
      tool: auditEvents.tool,
      outcome: auditEvents.outcome,
      reason: auditEvents.reason,
      summary: auditEvents.summary,
      cursorAt: sql<string>`to_char(${auditEvents.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.number))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page,
    next: rows.length > options.limit && last ? { occurredAt: last.cursorAt, id: last.id } : null,
  };
}
