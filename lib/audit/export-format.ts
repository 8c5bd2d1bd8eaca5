import type { AuditRow } from '@/db/queries/audit-trail';
import { auditFieldsOf, toMillis } from './present';

/**
 * The two export formats. NDJSON: one event per line, exactly as the API lists it. CSV (RFC 4180):
 * a header row, CRLF line ends, quoted cells where needed, `data` as JSON text, and protection
 * against formula injection, since the values come from outside (a client_name, a tool name) and
 * the file is meant to be opened in a spreadsheet.
 */

export const csvColumns = [
  'id',
  'occurred_at',
  'recorded_at',
  'type',
  'source_id',
  'actor_type',
  'actor_id',
  'actor_label',
  'issuer',
  'client_id',
  'sub',
  'resource',
  'tool',
  'token_ref',
  'outcome',
  'ip',
  'user_agent',
  'reason',
  'summary',
  'data',
] as const;

/**
 * One CSV cell: an apostrophe before a start a spreadsheet would read as a formula (= + - @ tab
 * CR, OWASP "CSV injection"), then quotes if it holds a quote, a comma or a line end.
 */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const first = value.charCodeAt(0);
  // = + - @ \t \r
  const formula =
    first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13;
  const safe = formula ? `'${value}` : value;
  for (let i = 0; i < safe.length; i++) {
    const c = safe.charCodeAt(i);
    // " , \n \r
    if (c === 34 || c === 44 || c === 10 || c === 13) return `"${safe.replace(/"/g, '""')}"`;
  }
  return safe;
}

export const csvHeader = `${csvColumns.join(',')}\r\n`;

/** One CSV record, straight from the row: exports write millions of them. */
export function csvLine(row: AuditRow): string {
  return `${row.id},${toMillis(row.occurredAt)},${toMillis(row.recordedAt)},${csvCell(row.type)},${
    row.sourceId ?? ''
  },${csvCell(row.actorType)},${csvCell(row.actorId)},${csvCell(row.actorLabel)},${csvCell(
    row.issuer,
  )},${csvCell(row.clientId)},${csvCell(row.sub)},${csvCell(row.resource)},${csvCell(
    row.tool,
  )},${csvCell(row.tokenRef)},${csvCell(row.outcome)},${csvCell(row.ip)},${csvCell(
    row.userAgent,
  )},${csvCell(row.reason)},${csvCell(row.summary)},${csvCell(row.data ?? '{}')}\r\n`;
}

/** One NDJSON line. `data` is spliced in as the database wrote it, never parsed and re-encoded. */
export function ndjsonLine(row: AuditRow): string {
  const head = JSON.stringify(auditFieldsOf(row));
  return `${head.slice(0, -1)},"data":${row.data ?? '{}'}}\n`;
}
