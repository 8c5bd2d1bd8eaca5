import type { Executor } from '@/db/client';
import { listCheckpoints, sealedThrough, type CheckpointRecord } from '@/db/queries/audit-seal';
import { checkpointJsonOf, sealedEventOf, signedCheckpointJsonOf } from './checkpoint';
import { EventReader } from './event-reader';
import { publishedKeys } from './keys';

/**
 * An org's sealed trail as NDJSON that proves itself (lib/audit/seal/README.md): a header line
 * with the public keys, then for each sealing range its checkpoint lines followed by its events in
 * the order they were sealed, each event exactly as it was hashed. verify-export.mjs checks such a file offline.
 */
export function sealedExportStream(db: Executor, orgId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const reader = new EventReader(db, orgId, 2_000);
  let mark = -1;
  let afterSeq = 0;
  const pending: CheckpointRecord[] = [];
  let done = false;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (mark < 0) {
            mark = await sealedThrough(db);
            const header = {
              sealed_audit_export: 1,
              org_id: orgId,
              exported_at: new Date().toISOString(),
              keys: await publishedKeys(db),
            };
            return controller.enqueue(encoder.encode(`${JSON.stringify(header)}\n`));
          }
          // Read on until the first range is whole (its months may straddle two pages).
          while (!done && pending.every((c) => c.toEventId === pending[0]!.toEventId)) {
            const page = (await listCheckpoints(db, orgId, afterSeq, 500)).filter(
              (c) => c.toEventId <= mark,
            );
            if (page.length < 500) done = true;
            afterSeq = page.at(-1)?.seq ?? afterSeq;
            pending.push(...page);
          }
          const first = pending[0];
          if (!first) return controller.close();
          // One sealing range: its checkpoints (one per month), then its events.
          const version = checkpointJsonOf(first).v;
          let lines = '';
          while (
            pending[0]?.fromEventId === first.fromEventId &&
            pending[0].toEventId === first.toEventId
          ) {
            lines += `${JSON.stringify({ checkpoint: signedCheckpointJsonOf(pending.shift()!) })}\n`;
          }
          for (
            let row = await reader.next(first.toEventId);
            row;
            row = await reader.next(first.toEventId)
          ) {
            if (Number(row.rowId) > first.fromEventId)
              lines += `${JSON.stringify(sealedEventOf(row, version))}\n`;
          }
          controller.enqueue(encoder.encode(lines));
        } catch (err) {
          controller.error(err);
        }
      },
    },
    { highWaterMark: 1 },
  );
}
