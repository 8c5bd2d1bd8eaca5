import { bigint, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns';

/**
 * Tool calls counted per agent, MCP server, tool and the scope a call relied on ('' when none).
 * Counters only add and last-used only moves forward, so any delivery order gives the same totals.
 */
export const toolUsage = pgTable(
  'tool_usage',
  {
    orgId: uuid('org_id').notNull(),
    agentId: uuid('agent_id').notNull(),
    resource: text('resource').notNull(),
    tool: text('tool').notNull(),
    scope: text('scope').notNull().default(''),
    okCount: bigint('ok_count', { mode: 'number' }).notNull().default(0),
    errorCount: bigint('error_count', { mode: 'number' }).notNull().default(0),
    deniedCount: bigint('denied_count', { mode: 'number' }).notNull().default(0),
    firstUsedAt: ts('first_used_at'),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.agentId, t.resource, t.tool, t.scope] })],
);

/**
 * When each token was last used, by its ref, whether or not the hub has seen it issued: a tool
 * call may be reported before its token's issuance (or without it). `tokens.last_used_at` is
 * kept equal to this for the tokens the hub knows.
 */
export const tokenUsage = pgTable(
  'token_usage',
  {
    orgId: uuid('org_id').notNull(),
    tokenRef: text('token_ref').notNull(),
    lastUsedAt: ts('last_used_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.tokenRef] })],
);
