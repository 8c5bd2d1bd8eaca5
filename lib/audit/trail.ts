import type { Executor } from '@/db/client';
import type { AuditCursor } from '@/db/queries/audit-cursor';
import {
  agentIdsOfClient,
  cursorAfter,
  selectAuditRows,
  splitSearchWords,
  subjectIdsOfSub,
  type AuditFilter,
  type AuditRow,
  type ResolvedAuditFilter,
} from '@/db/queries/audit-trail';
import { buildSearchQuery, searchWordsOf } from './search-text';

/**
 * The audit trail as the console page, the API and the export read it (the SQL is
 * db/queries/audit-trail.ts).
 */

/**
 * Resolves client_id and sub to the agents and subjects they name, and free text to a tsquery.
 * Null when the filter can match nothing: an agent or subject the hub has never seen.
 */
export async function resolveAuditFilter(
  db: Executor,
  orgId: string,
  filter: AuditFilter,
): Promise<ResolvedAuditFilter | null> {
  const resolved: ResolvedAuditFilter = { ...filter };
  if (filter.clientId) {
    resolved.agentIds = await agentIdsOfClient(db, orgId, filter.clientId);
    if (resolved.agentIds.length === 0) return null;
  }
  if (filter.sub) {
    resolved.subjectIds = await subjectIdsOfSub(db, orgId, filter.sub);
    if (resolved.subjectIds.length === 0) return null;
  }
  if (filter.q) {
    const tsquery = buildSearchQuery(await splitSearchWords(db, searchWordsOf(filter.q)));
    if (tsquery) resolved.tsquery = tsquery;
  }
  return resolved;
}

/** One page of the filtered trail and the cursor of the next (null on the last page). */
export async function listAuditTrail(
  db: Executor,
  orgId: string,
  filter: AuditFilter,
  options: { cursor?: AuditCursor | null; limit: number; withData?: boolean },
): Promise<{ items: AuditRow[]; nextCursor: AuditCursor | null }> {
  const resolved = await resolveAuditFilter(db, orgId, filter);
  if (!resolved) return { items: [], nextCursor: null };
  const rows = await selectAuditRows(db, orgId, resolved, {
    ...options,
    limit: options.limit + 1,
  });
  const items = rows.slice(0, options.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > options.limit && last ? cursorAfter(last) : null };
}
