import type { Executor } from '@/db/client';
import type { AuditCursor } from '@/db/queries/audit-cursor';
import {
  cursorAfter,
  selectAuditRows,
  type AuditRow,
  type ResolvedAuditFilter,
} from '@/db/queries/audit-trail';
import { csvHeader, csvLine, ndjsonLine } from './export-format';
import type { AuditFilter, ExportFormat } from './filter';
import { resolveAuditFilter } from './trail';

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
  // The next batch is asked for as soon as the previous one arrives, so the database reads it
  // while this process formats and the reader takes the previous one.
  let next: Promise<AuditRow[]> | null = null;
  const fetchAfter = (cursor: AuditCursor | null) => {
    const batch = selectAuditRows(db, orgId, resolved!, {
      cursor,
      limit: batchRows,
      withData: true,
    });
    // Failing before the reader pulls again must not count as an unhandled rejection (which ends
    // the process); awaiting it in the next pull still throws.
    batch.catch(() => {});
    return batch;
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          // Every pull enqueues or closes: a pull that does neither is never called again.
          if (resolved === undefined) {
            resolved = await resolveAuditFilter(db, orgId, filter);
            if (format === 'csv') controller.enqueue(encoder.encode(csvHeader));
            if (resolved === null) return controller.close();
            next = fetchAfter(null);
          }
          if (resolved === null || next === null) return;
          const rows = await next;
          const last = rows.length === batchRows ? rows[rows.length - 1] : undefined;
          next = last ? fetchAfter(cursorAfter(last)) : null;
          if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(line).join('')));
          if (!last) controller.close();
        } catch (err) {
          options.onError?.(err);
          controller.error(err);
        }
      },
      cancel() {
        next = null;
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
