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
  CURRENT_CHECKPOINT_VERSION,
  checkpointJsonOf,
  checkpointPayload,
  eventLeaf,
  monthOf,
  payloadHash,
  sealedEventOf,
  type CheckpointVersion,
  type UnsignedCheckpoint,
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
  /** the checkpoint format; 1 is how hubs before migration 0009 sealed (its tests need it) */
  version?: CheckpointVersion;
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
  const version = options.version ?? CURRENT_CHECKPOINT_VERSION;
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
      group.builder.add(eventLeaf(sealedEventOf(row, version)));
      if (row.recordedAt > group.lastRecordedAt) group.lastRecordedAt = row.recordedAt;
    }
    events += rows.length;
    if (rows.length < batchRows) break;
    after = Number(rows.at(-1)!.rowId);
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
      const unsigned: UnsignedCheckpoint = {
        orgId: group.orgId,
        seq: (head?.seq ?? 0) + 1,
        periodStart: new Date(group.periodStart),
        version,
        fromEventId: from,
        toEventId: to,
        eventCount: group.builder.count,
        totalEvents: (head?.totalEvents ?? 0) + group.builder.count,
        lastRecordedAt: group.lastRecordedAt,
        merkleRoot: group.builder.root(),
        previousHash: head?.hash ?? null,
        keyId: key.keyId,
        createdAt: new Date(sealedAt),
      };
      const payload = checkpointPayload(checkpointJsonOf(unsigned));
      const hash = payloadHash(payload);
      heads.set(group.orgId, {
        orgId: group.orgId,
        seq: unsigned.seq,
        hash,
        totalEvents: unsigned.totalEvents,
      });
      checkpoints.push({ ...unsigned, hash, signature: signPayload(key, payload) });
    }
    await insertCheckpoints(tx, checkpoints);
    return { checkpoints: checkpoints.length, events, through: to };
  });
}
