import type { Executor } from '@/db/client';
import { insertAuditRow, type AuditRowInput } from '@/db/queries/audit';
import type { AuditEventType } from './catalogue';

/** An event the hub records itself: its type must be in the catalogue (catalogue.ts). */
export type AuditInput = Omit<AuditRowInput, 'type'> & { type: AuditEventType };

/**
 * Appends to the audit trail. Call it with the transaction that makes the change it records; it
 * opens one of its own otherwise, since the write gate of sealing lasts as long as a transaction.
 */
export function insertAuditEvent(db: Executor, orgId: string, input: AuditInput): Promise<void> {
  return insertAuditRow(db, orgId, input);
}
