import type { Executor } from '@/db/client';
import { readEnforcementPosition, recordAcknowledgements } from '@/db/queries/enforcement';

/** One `revocation.applied` of a batch: its event id, `data.through_seq` and `time`. */
export type Acknowledgement = { eventId: string; throughSeq: bigint; at: Date };

/**
 * Which acknowledgements move the source's position, in the batch's order, and which are
 * heartbeats. A position is never moved backwards, and never past the org's newest entry: an
 * acknowledgement of entries that do not exist yet would otherwise pass for their enforcement.
 */
export function advancingOf(
  position: bigint | null,
  newest: bigint,
  acks: readonly Acknowledgement[],
): { advancing: Acknowledgement[]; heartbeats: Set<string> } {
  const advancing: Acknowledgement[] = [];
  const heartbeats = new Set<string>();
  let at = position;
  for (const ack of acks) {
    const through = ack.throughSeq > newest ? newest : ack.throughSeq;
    if (at === null || through > at) {
      advancing.push({ ...ack, throughSeq: through });
      at = through;
    } else {
      heartbeats.add(ack.eventId);
    }
  }
  return { advancing, heartbeats };
}

/**
 * Applies a batch's acknowledgements of one source (shared/spec/revocation.md, Enforcement) in
 * the ingesting transaction. Answers the event ids of the heartbeats, which are not stored in the
 * audit trail.
 */
export async function applyAcknowledgements(
  tx: Executor,
  orgId: string,
  sourceId: string,
  acks: readonly Acknowledgement[],
): Promise<Set<string>> {
  if (acks.length === 0) return new Set();
  const { position, newest } = await readEnforcementPosition(tx, orgId, sourceId);
  const { advancing, heartbeats } = advancingOf(position, newest, acks);
  await recordAcknowledgements(tx, orgId, sourceId, advancing);
  return heartbeats;
}
