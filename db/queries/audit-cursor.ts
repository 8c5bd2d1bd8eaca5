/** Where a newest-first page of an org's trail ends: an event's time and its number in the org. */
export type AuditCursor = { occurredAt: string; id: number };

export function encodeAuditCursor(c: AuditCursor): string {
  return Buffer.from(JSON.stringify([c.occurredAt, c.id])).toString('base64url');
}

export function decodeAuditCursor(cursor: string): AuditCursor | null {
  try {
    const [occurredAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt))) return null;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
    return { occurredAt, id };
  } catch {
    return null;
  }
}
