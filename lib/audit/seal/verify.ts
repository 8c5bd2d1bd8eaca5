import type { Executor } from '@/db/client';
import {
  checkpointAt,
  countEventsAbove,
  droppedPeriods,
  listCheckpoints,
  sealedEventsInPeriods,
  sealedThrough,
  type CheckpointRecord,
  type SealRow,
} from '@/db/queries/audit-seal';
import { EventReader } from './event-reader';
import {
  checkpointJsonOf,
  checkpointPayload,
  eventLeaf,
  monthOf,
  payloadHash,
  sealedEventOf,
  type CheckpointVersion,
} from './checkpoint';
import { publishedKeys, verifyPayload, type PublicSigningJwk } from './keys';
import { MerkleBuilder } from './merkle';

export type TrailProblemKind =
  'changed' | 'deleted' | 'inserted' | 'checkpoint' | 'signature' | 'chain' | 'rolled_back';

export type TrailProblem = { kind: TrailProblemKind; seq?: number; detail: string };

export type VerificationKind = 'full' | 'incremental';

/** Where an incremental run starts: the head of the last successful run, as it verified it. */
export type VerifiedHead = { seq: number; hash: string };

export type TrailReport = {
  orgId: string;
  ok: boolean;
  kind: VerificationKind;
  startedAt: Date;
  finishedAt: Date;
  /** checkpoints in the chain through the head (an incremental run counts the trusted ones too) */
  checkpoints: number;
  /** events proven, as counted by checkpoints (months dropped by retention left out) */
  events: number;
  /** seq of the first checkpoint this run read; null when it read none */
  checkedFromSeq: number | null;
  /** checkpoints and events this run read itself (all of them in a full run) */
  checkedCheckpoints: number;
  checkedEvents: number;
  droppedEvents: number;
  unsealedEvents: number;
  /** recorded_at of the newest sealed event */
  verifiedThrough: string | null;
  headSeq: number | null;
  headHash: string | null;
  problems: TrailProblem[];
  /** problems found, also those past the first MAX_PROBLEMS kept */
  problemCount: number;
};

const MAX_PROBLEMS = 100;
const CHECKPOINT_PAGE = 1_000;

export type VerifyOptions = {
  /** full runs: the head the last run verified, so a chain cut back at its end is caught */
  previousHead?: VerifiedHead | null;
  /**
   * An incremental run: only the checkpoints after this one, the head of the last successful run
   * (it is also the previous head). That checkpoint must still be there, unaltered, and the new
   * ones must chain on from it; the events it and those before it seal are not read again.
   */
  from?: VerifiedHead | null;
  batchRows?: number;
  now?: () => Date;
};

/**
 * Checks an org's trail against its checkpoints: each checkpoint's hash, signature and link
 * to the one before, then every sealed event, recomputing each checkpoint's count and Merkle root.
 * Any changed, deleted, inserted or reordered event, and any removed or altered checkpoint, shows
 * up as a problem. `previousHead` (from the last run) catches a chain cut back at its end. With
 * `from`, only what was sealed after that checkpoint is read (an incremental run).
 */
export async function verifyOrgTrail(
  db: Executor,
  orgId: string,
  options: VerifyOptions = {},
): Promise<TrailReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const from = options.from ?? null;
  const mark = await sealedThrough(db);
  const keys = new Map<string, PublicSigningJwk>((await publishedKeys(db)).map((k) => [k.kid, k]));
  const dropped = await droppedPeriods(db, orgId);
  const base = from ? await checkpointAt(db, orgId, from.seq) : null;
  const reader = new EventReader(db, orgId, options.batchRows ?? 5_000, base?.toEventId ?? 0);
  const problems: TrailProblem[] = [];
  let problemCount = 0;
  const report = (p: TrailProblem) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const uncovered = (row: SealRow) =>
    report({
      kind: 'inserted',
      detail: `event ${row.id} lies in a sealed range but no checkpoint holds it (inserted, or its checkpoint was removed)`,
    });

  let prev: CheckpointRecord | null = null;
  // What an incremental run trusts from the runs before: the chain through `base`.
  let trusted = { checkpoints: 0, events: 0, droppedEvents: 0 };
  let group: {
    from: number;
    to: number;
    version: CheckpointVersion;
    members: Map<string, [CheckpointRecord, MerkleBuilder]>;
  } | null = null;
  let checkpoints = 0;
  let events = 0;
  let droppedEvents = 0;
  let verifiedThrough: string | null = null;
  let sawPreviousHead = !options.previousHead || from !== null;
  let checkedFromSeq: number | null = null;

  const closeGroup = async () => {
    if (!group) return;
    for (let row = await reader.next(group.to); row; row = await reader.next(group.to)) {
      const member =
        Number(row.rowId) > group.from ? group.members.get(monthOf(row.recordedAt)) : undefined;
      if (member) member[1].add(eventLeaf(sealedEventOf(row, group.version)));
      else uncovered(row);
    }
    for (const [c, builder] of group.members.values()) {
      const period = c.periodStart.toISOString();
      if (dropped.has(period)) {
        droppedEvents += c.eventCount;
        if (builder.count > 0) {
          report({
            kind: 'inserted',
            seq: c.seq,
            detail: `checkpoint ${c.seq}: ${builder.count} events in a month retention dropped`,
          });
        }
        continue;
      }
      if (builder.count < c.eventCount) {
        report({
          kind: 'deleted',
          seq: c.seq,
          detail: `checkpoint ${c.seq}: ${c.eventCount - builder.count} of its ${c.eventCount} events are missing`,
        });
      } else if (builder.count > c.eventCount) {
        report({
          kind: 'inserted',
          seq: c.seq,
          detail: `checkpoint ${c.seq}: ${builder.count - c.eventCount} events more than the ${c.eventCount} it sealed`,
        });
      } else if (builder.root() !== c.merkleRoot) {
        report({
          kind: 'changed',
          seq: c.seq,
          detail: `checkpoint ${c.seq}: an event was changed or reordered (Merkle root differs)`,
        });
      } else {
        events += c.eventCount;
      }
    }
    group = null;
  };

  if (from) {
    if (!base) {
      report({
        kind: 'rolled_back',
        seq: from.seq,
        detail: `checkpoint ${from.seq}, verified before, is gone`,
      });
      return finish();
    }
    if (base.hash !== from.hash) {
      report({
        kind: 'rolled_back',
        seq: base.seq,
        detail: `checkpoint ${base.seq} is not the one verified before`,
      });
    } else if (payloadHash(checkpointPayload(checkpointJsonOf(base))) !== from.hash) {
      report({
        kind: 'checkpoint',
        seq: base.seq,
        detail: `checkpoint ${base.seq} was altered since it was verified (its hash does not match)`,
      });
    }
    // The next checkpoint must link to the hash verified before, whatever the row says now.
    prev = { ...base, hash: from.hash };
    verifiedThrough = base.lastRecordedAt;
    const droppedBefore = await sealedEventsInPeriods(db, orgId, dropped, base.seq);
    trusted = {
      checkpoints: base.seq,
      events: base.totalEvents - droppedBefore,
      droppedEvents: droppedBefore,
    };
  }

  for (let afterSeq = base?.seq ?? 0; ;) {
    const page = (await listCheckpoints(db, orgId, afterSeq, CHECKPOINT_PAGE)).filter(
      (c) => c.toEventId <= mark,
    );
    for (const c of page) {
      checkChain(c, prev, keys, report);
      if (options.previousHead?.seq === c.seq) {
        if (options.previousHead.hash !== c.hash) {
          report({
            kind: 'rolled_back',
            seq: c.seq,
            detail: `checkpoint ${c.seq} is not the one verified before`,
          });
        }
        sawPreviousHead = true;
      }
      if (!group || group.from !== c.fromEventId || group.to !== c.toEventId) {
        await closeGroup();
        group = {
          from: c.fromEventId,
          to: c.toEventId,
          version: checkpointJsonOf(c).v,
          members: new Map(),
        };
      }
      group.members.set(c.periodStart.toISOString(), [c, new MerkleBuilder()]);
      if (!verifiedThrough || c.lastRecordedAt > verifiedThrough)
        verifiedThrough = c.lastRecordedAt;
      prev = c;
      checkpoints++;
      checkedFromSeq ??= c.seq;
    }
    if (page.length < CHECKPOINT_PAGE) break;
    afterSeq = page.at(-1)!.seq;
  }
  await closeGroup();
  // Past the org's last checkpoint but within what every org is sealed through: nothing may be.
  for (let row = await reader.next(mark); row; row = await reader.next(mark)) uncovered(row);
  if (!sawPreviousHead) {
    report({
      kind: 'rolled_back',
      seq: options.previousHead!.seq,
      detail: `checkpoint ${options.previousHead!.seq}, verified before, is gone`,
    });
  }

  return finish();

  async function finish(): Promise<TrailReport> {
    const head = prev as CheckpointRecord | null;
    return {
      orgId,
      ok: problemCount === 0,
      kind: from ? 'incremental' : 'full',
      startedAt,
      finishedAt: now(),
      checkpoints: trusted.checkpoints + checkpoints,
      events: trusted.events + events,
      checkedFromSeq,
      checkedCheckpoints: checkpoints,
      checkedEvents: events,
      droppedEvents: trusted.droppedEvents + droppedEvents,
      unsealedEvents: await countEventsAbove(db, orgId, mark),
      verifiedThrough,
      headSeq: head?.seq ?? (from ? from.seq : null),
      headHash: head?.hash ?? (from ? from.hash : null),
      problems,
      problemCount,
    };
  }
}

function checkChain(
  c: CheckpointRecord,
  prev: CheckpointRecord | null,
  keys: Map<string, PublicSigningJwk>,
  report: (p: TrailProblem) => void,
): void {
  const payload = checkpointPayload(checkpointJsonOf(c));
  if (payloadHash(payload) !== c.hash) {
    report({
      kind: 'checkpoint',
      seq: c.seq,
      detail: `checkpoint ${c.seq} was altered (its hash does not match)`,
    });
  }
  const key = keys.get(c.keyId);
  if (!key || !verifyPayload(key, payload, c.signature)) {
    report({
      kind: 'signature',
      seq: c.seq,
      detail: key
        ? `checkpoint ${c.seq}: the signature does not verify`
        : `checkpoint ${c.seq}: signed by unknown key ${c.keyId}`,
    });
  }
  const expectedSeq = (prev?.seq ?? 0) + 1;
  if (c.seq !== expectedSeq) {
    report({
      kind: 'chain',
      seq: c.seq,
      detail: `checkpoints ${expectedSeq}–${c.seq - 1} are missing`,
    });
  }
  if (c.previousHash !== (prev?.hash ?? null)) {
    report({
      kind: 'chain',
      seq: c.seq,
      detail: `checkpoint ${c.seq} does not link to checkpoint ${prev?.seq ?? 'none'}`,
    });
  }
  if (c.totalEvents !== (prev?.totalEvents ?? 0) + c.eventCount) {
    report({
      kind: 'chain',
      seq: c.seq,
      detail: `checkpoint ${c.seq}: running total does not add up`,
    });
  }
}
