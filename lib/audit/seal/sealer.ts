import type { Db } from '@/db/client';
import {
  checkpointHeads,
  insertCheckpoints,
  sealableHorizon,
  sealedThrough,
  selectSealRows,
  trySealerLock,
  type NewCheckpoint,
} from '@/db/queries/audit-seal';
import {
  checkpointPayload,
  eventLeaf,
  monthOf,
  payloadHash,
  sealedEventOf,
  type CheckpointJson,
} from './checkpoint';
import { signPayload, type SigningKey } from './keys';
import { MerkleBuilder } from './merkle';

export type SealOptions = {
  /** rows read per statement */
  batchRows?: number;
  /** a pass seals about this many events at most, so its transaction stays short on a first seal */
  maxEvents?: number;
  /** how long to wait for writers in flight before trying again later */
  gateWaitMs?: number;
  now?: () => Date;
};

export type SealResult = { checkpoints: number; events: number; through: number };

type Group = {
  orgId: string;
  periodStart: string;
  builder: MerkleBuilder;
  lastRecordedAt: string;
};

/**
 * One sealing pass: every event not yet sealed whose id no open transaction can still take
 * becomes part of one checkpoint per org and month. Null when the pass could not run now
 * (writers held the gate, or another hub process is sealing).
 */
export async function sealPass(
  db: Db,
  key: SigningKey,
  options: SealOptions = {},
): Promise<SealResult | null> {
  const horizon = await sealableHorizon(db, options.gateWaitMs);
  if (horizon === null) return null;
  // Events up to the horizon never change, so they are read and hashed outside any transaction
  // (on the embedded database a transaction holds every other query back); only writing the
  // checkpoints is one, short, and it gives way if another process sealed the range meanwhile.
  const from = await sealedThrough(db);
  if (horizon <= from) return { checkpoints: 0, events: 0, through: from };
  const maxEvents = options.maxEvents ?? 100_000;
  const groups = new Map<string, Group>();
  const batchRows = options.batchRows ?? 5_000;
  let events = 0;
  let to = horizon;
  for (let after = from; ;) {
    const rows = await selectSealRows(db, after, horizon, batchRows);
    for (const row of rows) {
      const periodStart = monthOf(row.recordedAt);
      const id = `${row.orgId} ${periodStart}`;
      let group = groups.get(id);
      if (!group) {
        group = {
          orgId: row.orgId,
          periodStart,
          builder: new MerkleBuilder(),
          lastRecordedAt: '',
        };
        groups.set(id, group);
      }
      group.builder.add(eventLeaf(sealedEventOf(row)));
      if (row.recordedAt > group.lastRecordedAt) group.lastRecordedAt = row.recordedAt;
    }
    events += rows.length;
    if (rows.length < batchRows) break;
    after = Number(rows.at(-1)!.id);
    if (events >= maxEvents) {
      to = after;
      break;
    }
  }

  // No empty checkpoints: the sealed mark is the newest range end, so the next pass reads the
  // same empty range again (an index probe) plus what came since.
  if (groups.size === 0) return { checkpoints: 0, events: 0, through: from };
  return db.transaction(async (tx) => {
    if (!(await trySealerLock(tx)) || (await sealedThrough(tx)) !== from) return null;
    const heads = await checkpointHeads(tx);
    const sealedAt = (options.now?.() ?? new Date()).toISOString();
    const checkpoints: NewCheckpoint[] = [];
    const ordered = [...groups.values()].sort((a, b) =>
      a.orgId === b.orgId ? a.periodStart.localeCompare(b.periodStart) : a.orgId < b.orgId ? -1 : 1,
    );
    for (const group of ordered) {
      const head = heads.get(group.orgId);
      const json: CheckpointJson = {
        v: 1,
        org_id: group.orgId,
        seq: (head?.seq ?? 0) + 1,
        period_start: group.periodStart,
        from_event_id: from,
        to_event_id: to,
        event_count: group.builder.count,
        total_events: (head?.totalEvents ?? 0) + group.builder.count,
        last_recorded_at: group.lastRecordedAt,
        merkle_root: group.builder.root(),
        previous_hash: head?.hash ?? null,
        key_id: key.keyId,
        sealed_at: sealedAt,
      };
      const payload = checkpointPayload(json);
      const hash = payloadHash(payload);
      heads.set(group.orgId, {
        orgId: group.orgId,
        seq: json.seq,
        hash,
        totalEvents: json.total_events,
      });
      checkpoints.push({
        orgId: json.org_id,
        seq: json.seq,
        periodStart: new Date(json.period_start),
        fromEventId: from,
        toEventId: to,
        eventCount: json.event_count,
        totalEvents: json.total_events,
        lastRecordedAt: json.last_recorded_at,
        merkleRoot: json.merkle_root,
        previousHash: json.previous_hash,
        hash,
        signature: signPayload(key, payload),
        keyId: key.keyId,
        createdAt: new Date(sealedAt),
      });
    }
    await insertCheckpoints(tx, checkpoints);
    return { checkpoints: checkpoints.length, events, through: to };
  });
}
