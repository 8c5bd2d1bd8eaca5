import { createParser } from 'eventsource-parser';

/** One Server-Sent Event: its `id` (the last one seen, as the spec carries it over) and `data`. */
export type SseEvent = { id: string | null; event: string; data: string };

export type SseHandlers = {
  onEvent: (event: SseEvent) => void;
  /** every chunk, comments included, so the hub's heartbeats count as life */
  onActivity?: () => void;
  /** the server's `retry:` field: the reconnection time it asks for, in milliseconds */
  onRetry?: (ms: number) => void;
};

/** Longest field the parser buffers before it gives the stream up (an entry is well under 4 KiB). */
const MAX_BUFFER = 1_000_000;

/**
 * Reads Server-Sent Events off a fetch body until it ends, with `eventsource-parser` (fields,
 * `retry:`, comments, a bounded buffer) after CR, LF and CRLF line endings are made one. The decoder drops a leading byte-order mark, as the
 * EventSource spec asks. Throws when one event outgrows the buffer, so the caller reconnects.
 */
export async function readSse(body: ReadableStream<Uint8Array>, handlers: SseHandlers) {
  const decoder = new TextDecoder('utf-8');
  let lastId: string | null = null;
  let overflow: Error | null = null;
  const parser = createParser({
    maxBufferSize: MAX_BUFFER,
    onEvent: (message) => {
      if (message.id !== undefined) lastId = message.id;
      handlers.onEvent({ id: lastId, event: message.event ?? 'message', data: message.data });
    },
    onRetry: (ms) => handlers.onRetry?.(ms),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') overflow = error;
    },
  });
  // The parser holds a line that ends a chunk with CR until the next chunk shows whether an LF
  // follows, which on a live stream is the hub's next heartbeat, seconds later. CR and CRLF are
  // turned into LF here instead, an LF right after a chunk's closing CR dropped as its pair.
  let afterCr = false;
  const lines = (text: string) => {
    if (text === '') return text;
    const rest = afterCr && text.startsWith('\n') ? text.slice(1) : text;
    afterCr = rest.endsWith('\r');
    return rest.replace(/\r\n?/g, '\n');
  };
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      handlers.onActivity?.();
      parser.feed(lines(decoder.decode(value, { stream: true })));
      if (overflow) throw overflow;
    }
  } finally {
    reader.releaseLock();
  }
}
