import type { RevocationEntry } from '@/db/schema';
import { presentEntry } from './present';
import type { RevocationBroadcaster } from './broadcaster';

/** A comment line at least this often keeps proxies and clients from closing an idle stream. */
export const HEARTBEAT_MS = 10_000;
/** How often an open stream asks whether its credential still stands (revoked, disabled, expired). */
export const CREDENTIAL_CHECK_MS = 2_000;

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
 * then each new one as it is made, with heartbeats; it ends when the client goes away, or within
 * CREDENTIAL_CHECK_MS once `credentialIsLive` says the credential it was opened with no longer
 * stands (the client's reconnect then gets a 401).
 */
export function revocationStream(
  broadcaster: RevocationBroadcaster,
  orgId: string,
  after: bigint,
  signal: AbortSignal,
  credentialIsLive: () => Promise<boolean> = async () => true,
  checkEveryMs = CREDENTIAL_CHECK_MS,
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
      let checking = false;
      const credentialCheck = setInterval(() => {
        if (checking) return;
        checking = true;
        credentialIsLive()
          .then((live) => {
            if (live) return;
            send(encoder.encode(': the credential of this stream was revoked or expired\n\n'));
            cleanup();
          })
          // a failed check (database briefly away) keeps the stream: the next one decides
          .catch(() => {})
          .finally(() => {
            checking = false;
          });
      }, checkEveryMs);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        clearInterval(credentialCheck);
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
