'use client';

import { Download, X } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { createRowCounter } from '@/lib/audit/row-counter';
import { formatCount } from '@/lib/format';

type Format = 'csv' | 'ndjson';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; format: Format; rows: number; bytes: number }
  | { kind: 'done'; file: string; rows: number; bytes: number; toDisk: boolean }
  | { kind: 'cancelled'; rows: number }
  | { kind: 'failed'; message: string };

// The File System Access API (Chromium): writes straight to disk, so no export is held in memory.
type SaveFilePicker = (options: {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<{ createWritable(): Promise<WritableStreamLike> }>;
type WritableStreamLike = {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
};

const mime: Record<Format, string> = { csv: 'text/csv', ndjson: 'application/x-ndjson' };
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} kB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

function fileNameOf(response: Response, format: Format): string {
  const match = response.headers.get('content-disposition')?.match(/filename="([^"]+)"/);
  return match?.[1] ?? `audit-events.${format}`;
}

async function problemOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as {
      detail?: string;
      errors?: { path: string; message: string }[];
    };
    const fields = body.errors?.map((e) => `${e.path.slice(1)} ${e.message}`).join('; ');
    return fields || body.detail || `the hub answered ${response.status}`;
  } catch {
    return `the hub answered ${response.status}`;
  }
}

/**
 * Exports the current filter through the API (the session cookie is a credential there), reading
 * the stream to show rows and bytes as they arrive, with a cancel. Saved straight to disk where
 * the browser can, otherwise collected into a Blob and downloaded at the end.
 */
export function ExportButtons({ filter }: { filter: Record<string, string> }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  const run = async (format: Format) => {
    const controller = new AbortController();
    abort.current = controller;
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    let writable: WritableStreamLike | null = null;
    const picker = (window as unknown as { showSaveFilePicker?: SaveFilePicker })
      .showSaveFilePicker;
    if (picker) {
      try {
        // Asked first, while the click still counts as the user's gesture.
        const handle = await picker({
          suggestedName: `audit-events-${stamp}.${format}`,
          types: [
            { description: format.toUpperCase(), accept: { [mime[format]]: [`.${format}`] } },
          ],
        });
        writable = await handle.createWritable();
      } catch (err) {
        if ((err as Error).name === 'AbortError') return;
        writable = null;
      }
    }
    const counter = createRowCounter(format);
    let bytes = 0;
    const chunks: Uint8Array[] = [];
    setState({ kind: 'running', format, rows: 0, bytes: 0 });
    try {
      const query = new URLSearchParams({ format, ...filter });
      const response = await fetch(`/api/v1/audit-events/export?${query}`, {
        signal: controller.signal,
        credentials: 'same-origin',
      });
      if (!response.ok || !response.body) throw new Error(await problemOf(response));
      const reader = response.body.getReader();
      let shownAt = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        counter.push(value);
        bytes += value.byteLength;
        if (writable) await writable.write(value);
        else chunks.push(value);
        if (performance.now() - shownAt > 100) {
          shownAt = performance.now();
          setState({ kind: 'running', format, rows: counter.rows, bytes });
        }
      }
      const file = fileNameOf(response, format);
      if (writable) await writable.close();
      else {
        const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: mime[format] }));
        const link = document.createElement('a');
        link.href = url;
        link.download = file;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      }
      setState({ kind: 'done', file, rows: counter.rows, bytes, toDisk: writable !== null });
    } catch (err) {
      await writable?.abort().catch(() => {});
      if (controller.signal.aborted) setState({ kind: 'cancelled', rows: counter.rows });
      else setState({ kind: 'failed', message: (err as Error).message });
    } finally {
      abort.current = null;
    }
  };

  const running = state.kind === 'running';
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        {(['csv', 'ndjson'] as const).map((format) => (
          <Button
            key={format}
            variant="secondary"
            size="sm"
            disabled={running}
            onClick={() => void run(format)}
          >
            <Download className="size-4" aria-hidden />
            Export {format.toUpperCase()}
          </Button>
        ))}
      </div>
      <div
        role="status"
        aria-live="polite"
        // As wide as the buttons, never wider: the page header keeps its layout while it changes.
        className="w-0 min-w-full text-right text-sm break-words text-fg-muted empty:hidden"
      >
        {state.kind === 'running' ? (
          <span className="flex flex-wrap items-center justify-end gap-x-3 gap-y-1">
            <span className="relative h-1.5 w-24 overflow-hidden rounded-full bg-surface-muted">
              <span className="absolute inset-y-0 w-1/3 animate-pulse rounded-full bg-accent" />
            </span>
            <span data-testid="export-progress" className="text-fg tabular-nums">
              Exporting {state.format.toUpperCase()}: {formatCount(state.rows)} rows ·{' '}
              {formatBytes(state.bytes)}
            </span>
            <button
              type="button"
              onClick={() => abort.current?.abort()}
              className="inline-flex items-center gap-1 rounded px-1 text-fg-muted hover:text-fg"
            >
              <X className="size-4" aria-hidden />
              Cancel
            </button>
          </span>
        ) : state.kind === 'done' ? (
          <span data-testid="export-progress">
            {state.toDisk ? 'Saved' : 'Downloaded'} {state.file}: {formatCount(state.rows)} rows ·{' '}
            {formatBytes(state.bytes)}
          </span>
        ) : state.kind === 'cancelled' ? (
          <span>Export cancelled after {formatCount(state.rows)} rows.</span>
        ) : state.kind === 'failed' ? (
          <span className="text-danger">Export failed: {state.message}</span>
        ) : null}
      </div>
    </div>
  );
}
