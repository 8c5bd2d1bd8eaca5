import type { RevocationEntry } from '@/db/schema';
import { presentEntry } from './present';
import type { RevocationBroadcaster } from './broadcaster';

/** A comment line at least this often keeps proxies and clients from closing an idle stream. */
export const HEARTBEAT_MS = 10_000;

const encoder = new TextEncoder();

export function sseEvents(entries: RevocationEntry[]): Uint8Array {
  return encoder.encode(
    entries
      .map((e) => `id: ${e.seq}\nevent: revocation\ndata: ${JSON.stringify(presentEntry(e))}\n\n`)
      .join(''),
  );
}

/**
 * The Server-Sent Events body of /api/v1/revocations/stream: every entry of the org after `after`,
 * then each new one as it is made, with heartbeats; it ends when the client goes away.
 */
export function revocationStream(
  broadcaster: RevocationBroadcaster,
  orgId: string,
  after: bigint,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (chunk: Uint8Array) => {
        if (!open) return;
        try {
          controller.enqueue(chunk);
        } catch {
          cleanup();
        }
      };
      send(encoder.encode(`retry: 2000\n: connected, after ${after}\n\n`));
      const unsubscribe = await broadcaster.subscribe(orgId, after, (entries) =>
        send(sseEvents(entries)),
      );
      const heartbeat = setInterval(
        () => send(encoder.encode(`: heartbeat ${new Date().toISOString()}\n\n`)),
        HEARTBEAT_MS,
      );
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      if (signal.aborted) cleanup();
      signal.addEventListener('abort', () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}
