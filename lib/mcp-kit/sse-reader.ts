/** One Server-Sent Event: its `id` (the last one seen, as the spec carries it over) and `data`. */
export type SseEvent = { id: string | null; event: string; data: string };

/**
 * Reads Server-Sent Events off a fetch body until it ends, calling `onEvent` per event and
 * `onActivity` per chunk (comments included, so heartbeats count as life).
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  onActivity: () => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let lastId: string | null = null;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onActivity();
      buffer += decoder.decode(value, { stream: true });
      const blocks = buffer.split(/\r?\n\r?\n/);
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        let data: string[] = [];
        let event = 'message';
        for (const line of block.split(/\r?\n/)) {
          if (line === '' || line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') lastId = value;
          else if (field === 'event') event = value;
          else if (field === 'data') data = [...data, value];
        }
        if (data.length > 0) onEvent({ id: lastId, event, data: data.join('\n') });
      }
    }
  } finally {
    reader.releaseLock();
  }
}
