import type { SQL } from 'drizzle-orm';
import { tokenLastUseStatement, tokenUseStatement } from '@/db/queries/ingestion/tokens';
import {
  consentUseStatement,
  grantUsageStatement,
  toolUsageStatement,
  type GrantUsageFacts,
  type ToolUsageFacts,
} from '@/db/queries/ingestion/usage';
import type { Batch } from '../batch';
import { earlier, later } from './identities';

/**
 * tool.invoked counts one call per scope it relied on (scope '' when it names none), tool.denied
 * one denial under scope ''. Counts only add and times only move outward, so any order of
 * delivery gives the same totals; idempotency keeps a duplicate from counting twice.
 */
function toolUsageFacts(batch: Batch): ToolUsageFacts[] {
  const facts = new Map<string, ToolUsageFacts>();
  const bump = (
    agentId: string,
    resource: string,
    tool: string,
    scope: string,
    outcome: 'ok' | 'error' | 'denied',
    usedAt: Date | null,
  ) => {
    const key = JSON.stringify([agentId, resource, tool, scope]);
    const f = facts.get(key) ?? {
      agentId,
      resource,
      tool,
      scope,
      ok: 0,
      error: 0,
      denied: 0,
      firstUsedAt: null,
      lastUsedAt: null,
    };
    f[outcome]++;
    f.firstUsedAt = earlier(f.firstUsedAt, usedAt);
    f.lastUsedAt = later(f.lastUsedAt, usedAt);
    facts.set(key, f);
  };
  for (const item of batch.of('tool.invoked')) {
    if (!item.agentId) continue;
    const scopes = item.data.scopes?.length ? item.data.scopes : [''];
    for (const scope of scopes) {
      bump(item.agentId, item.data.resource, item.data.tool, scope, item.data.outcome, item.time);
    }
  }
  for (const item of batch.of('tool.denied')) {
    if (!item.agentId) continue;
    bump(item.agentId, item.data.resource, item.data.tool, '', 'denied', null);
  }
  return [...facts.values()];
}

function grantUsageFacts(batch: Batch): GrantUsageFacts[] {
  const facts = new Map<string, GrantUsageFacts>();
  for (const item of batch.of('tool.invoked')) {
    if (!item.agentId || !item.subjectId) continue;
    const key = JSON.stringify([item.agentId, item.subjectId, item.data.resource]);
    const f = facts.get(key);
    if (f) f.lastUsedAt = later(f.lastUsedAt, item.time)!;
    else {
      facts.set(key, {
        agentId: item.agentId,
        subjectId: item.subjectId,
        resource: item.data.resource,
        lastUsedAt: item.time,
      });
    }
  }
  return [...facts.values()];
}

/** The usage writes of a batch; independent of each other and of the other projections. */
export function usageStatements(batch: Batch): (SQL | null)[] {
  const grants = grantUsageFacts(batch);
  return [
    toolUsageStatement(batch.orgId, toolUsageFacts(batch)),
    grantUsageStatement(batch.orgId, grants),
    consentUseStatement(batch.orgId, grants),
  ];
}

/**
 * Last use of every token the batch's tool calls name, kept by ref (so a token issued later
 * still gets it) and moved on the tokens already known. Writes independent of the others.
 */
export function tokenUseOf(batch: Batch): (SQL | null)[] {
  const uses = new Map<string, Date>();
  for (const item of batch.of('tool.invoked')) {
    const ref = item.data.token_ref;
    if (ref) uses.set(ref, later(uses.get(ref) ?? null, item.time)!);
  }
  const rows = [...uses].map(([tokenRef, lastUsedAt]) => ({ tokenRef, lastUsedAt }));
  return [tokenUseStatement(batch.orgId, rows), tokenLastUseStatement(batch.orgId, rows)];
}
