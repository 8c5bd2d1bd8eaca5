/** The ingestion endpoint's limits (shared/spec/ingestion.md), and the nesting it tolerates. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_EVENTS_PER_REQUEST = 1000;
export const MAX_JSON_DEPTH = 32;
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** Whether a parsed JSON value nests deeper than `max` (iterative: hostile input cannot overflow the stack). */
export function exceedsDepth(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      stack.push([child, depth + 1]);
  }
  return false;
}

/** Reads at most `limit` bytes of a request body; null when it is longer. */
export async function readBodyCapped(
  request: Request,
  limit = MAX_BODY_BYTES,
): Promise<Buffer | null> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
