import { createHash } from 'node:crypto';
import type { CheckpointRecord, SealRow } from '@/db/queries/audit-seal';
import { auditFieldsOf, type AuditEventJson } from '../present';
import { canonicalJson } from '@/lib/crypto/canonical-json';
import { leafHash } from './merkle';

/**
 * What is hashed and signed. An event is sealed as the management API shows it, except that its
 * two times keep every microsecond; a checkpoint as the JSON below. Both in canonical JSON, so
 * a sealed export can be checked with nothing but its lines and the public key.
 *
 * Version 2 (the sealer's since migration 0009) names an event by its org's number, as the API
 * does, and signs no range of internal ids. Version 1 named both by the internal id, which counts
 * every org's events, so its exports tell how busy other orgs were; its checkpoints still verify.
 */
export type CheckpointVersion = 1 | 2;
export const CURRENT_CHECKPOINT_VERSION: CheckpointVersion = 2;

export type SealedEvent = AuditEventJson;

export function sealedEventOf(row: SealRow, version: CheckpointVersion): SealedEvent {
  return {
    ...auditFieldsOf(row),
    id: version === 1 ? row.rowId : row.id,
    occurred_at: row.occurredAt,
    recorded_at: row.recordedAt,
    data: JSON.parse(row.data) as unknown,
  };
}

export function eventLeaf(event: SealedEvent): Buffer {
  return leafHash(canonicalJson(event));
}

/** A checkpoint as signed, exported and published. */
export type CheckpointJson = {
  v: CheckpointVersion;
  org_id: string;
  seq: number;
  period_start: string;
  /** version 1 only */
  from_event_id?: number;
  /** version 1 only */
  to_event_id?: number;
  event_count: number;
  total_events: number;
  last_recorded_at: string;
  merkle_root: string;
  previous_hash: string | null;
  key_id: string;
  sealed_at: string;
};

export type SignedCheckpointJson = CheckpointJson & { hash: string; signature: string };

/** A checkpoint before it is hashed and signed. */
export type UnsignedCheckpoint = Omit<CheckpointRecord, 'id' | 'hash' | 'signature'>;

export function checkpointJsonOf(c: UnsignedCheckpoint): CheckpointJson {
  const version = c.version === 1 ? 1 : 2;
  return {
    v: version,
    org_id: c.orgId,
    seq: c.seq,
    period_start: c.periodStart.toISOString(),
    ...(version === 1 ? { from_event_id: c.fromEventId, to_event_id: c.toEventId } : {}),
    event_count: c.eventCount,
    total_events: c.totalEvents,
    last_recorded_at: c.lastRecordedAt,
    merkle_root: c.merkleRoot,
    previous_hash: c.previousHash,
    key_id: c.keyId,
    sealed_at: c.createdAt.toISOString(),
  };
}

export function signedCheckpointJsonOf(c: CheckpointRecord): SignedCheckpointJson {
  return { ...checkpointJsonOf(c), hash: c.hash, signature: c.signature };
}

export function checkpointPayload(c: CheckpointJson): string {
  return canonicalJson(c);
}

export function payloadHash(payload: string): string {
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

/** The first instant of the UTC month of an exact time string: the partition it lives in. */
export function monthOf(exact: string): string {
  return `${exact.slice(0, 7)}-01T00:00:00.000Z`;
}
