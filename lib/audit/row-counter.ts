/**
 * Counts the records of an export as its bytes stream in, for the console's progress: NDJSON has
 * one per line; a CSV record ends at a line break outside quotes (a quoted cell may hold one).
 * Works on any split of the stream into chunks. Browser-safe.
 */
export function createRowCounter(format: 'csv' | 'ndjson') {
  let lines = 0;
  let quoted = false;
  return {
    push(chunk: Uint8Array): void {
      if (format === 'ndjson') {
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
        return;
      }
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        // A doubled quote inside a quoted cell toggles twice, which leaves the state as it was.
        if (byte === 34) quoted = !quoted;
        else if (byte === 10 && !quoted) lines++;
      }
    },
    /** Records so far, the CSV header row not counted. */
    get rows(): number {
      return format === 'csv' ? Math.max(0, lines - 1) : lines;
    },
  };
}
