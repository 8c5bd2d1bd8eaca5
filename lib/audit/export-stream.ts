import type { Executor } from '@/db/client';
import type { AuditCursor } from '@/db/queries/audit';
import {
  cursorAfter,
  resolveAuditFilter,
  selectAuditRows,
  type ResolvedAuditFilter,
} from '@/db/queries/audit-trail';
import { csvHeader, csvLine, ndjsonLine } from './export-format';
import type { AuditFilter, ExportFormat } from './filter';

export const EXPORT_BATCH_ROWS = 5_000;

/**
 * The whole filtered trail as a byte stream, with no row cap and flat memory: keyset batches of a
 * few thousand rows, each read only when the reader has taken the previous one (pull with a
 * high-water mark of one chunk), so a slow download holds back the database, not the heap.
 * Batches are separate statements, not one long transaction: events recorded meanwhile may
 * appear if they sort below the rows already sent.
 */
export function auditExportStream(
  db: Executor,
  orgId: string,
  filter: AuditFilter,
  format: ExportFormat,
  options: { batchRows?: number; onError?: (err: unknown) => void } = {},
): ReadableStream<Uint8Array> {
  const batchRows = options.batchRows ?? EXPORT_BATCH_ROWS;
  const encoder = new TextEncoder();
  const line = format === 'csv' ? csvLine : ndjsonLine;
  let resolved: ResolvedAuditFilter | null | undefined;
  let cursor: AuditCursor | null = null;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          // Every pull enqueues or closes: a pull that does neither is never called again.
          if (resolved === undefined) {
            resolved = await resolveAuditFilter(db, orgId, filter);
            if (format === 'csv') controller.enqueue(encoder.encode(csvHeader));
            if (resolved === null) return controller.close();
          }
          if (resolved === null) return;
          const rows = await selectAuditRows(db, orgId, resolved, {
            cursor,
            limit: batchRows,
            withData: true,
          });
          if (rows.length > 0) {
            let text = '';
            for (const row of rows) text += line(row);
            controller.enqueue(encoder.encode(text));
            cursor = cursorAfter(rows[rows.length - 1]!);
          }
          if (rows.length < batchRows) controller.close();
        } catch (err) {
          options.onError?.(err);
          controller.error(err);
        }
      },
    },
    { highWaterMark: 1 },
  );
}

/** e.g. audit-events-20261122T140500Z.csv */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `audit-events-${stamp}.${format}`;
}
