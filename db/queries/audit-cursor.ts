import { decodeKey, encodeKey } from './keyset';

/** Where a newest-first page of an org's trail ends: an event's time and its number in the org. */
export type AuditCursor = { occurredAt: string; id: number };

export function encodeAuditCursor(c: AuditCursor): string {
  return encodeKey([c.occurredAt, c.id]);
}

export function decodeAuditCursor(cursor: string): AuditCursor | null {
  const key = decodeKey(cursor, ['time', 'integer']);
  return key && { occurredAt: key[0], id: key[1] };
}
