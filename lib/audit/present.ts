import type { AuditRow } from '@/db/queries/audit-trail';

/** An audit event as the management API answers it (snake_case, times to the millisecond). */
export type AuditEventJson = {
  id: string;
  occurred_at: string;
  recorded_at: string;
  type: string;
  source_id: string | null;
  actor: { type: string | null; id: string | null; label: string | null } | null;
  issuer: string | null;
  client_id: string | null;
  sub: string | null;
  resource: string | null;
  tool: string | null;
  token_ref: string | null;
  outcome: string | null;
  ip: string | null;
  user_agent: string | null;
  reason: string | null;
  summary: string;
  data: unknown;
};

/** "2026-11-22T14:05:00.123456Z" → "2026-11-22T14:05:00.123Z", as Date#toISOString writes it. */
export function toMillis(exact: string): string {
  return exact.length > 24 ? `${exact.slice(0, 23)}Z` : exact;
}

/** Every field but `data`, in the order the API and both export formats use. */
export function auditFieldsOf(row: AuditRow): Omit<AuditEventJson, 'data'> {
  const hasActor = row.actorType !== null || row.actorId !== null || row.actorLabel !== null;
  return {
    id: row.id,
    occurred_at: toMillis(row.occurredAt),
    recorded_at: toMillis(row.recordedAt),
    type: row.type,
    source_id: row.sourceId,
    actor: hasActor ? { type: row.actorType, id: row.actorId, label: row.actorLabel } : null,
    issuer: row.issuer,
    client_id: row.clientId,
    sub: row.sub,
    resource: row.resource,
    tool: row.tool,
    token_ref: row.tokenRef,
    outcome: row.outcome,
    ip: row.ip,
    user_agent: row.userAgent,
    reason: row.reason,
    summary: row.summary,
  };
}

export function presentAuditEvent(row: AuditRow): AuditEventJson {
  return { ...auditFieldsOf(row), data: row.data === undefined ? {} : JSON.parse(row.data) };
}
