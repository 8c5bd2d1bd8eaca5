import { RevocationSet } from './revocation-set.js';
import { readSse } from './event-stream.js';
import { consoleLogger, type KitLogger, type RevocationEntry } from './types.js';

export type RevocationSyncOptions = {
  /** the hub's base URL, e.g. `https://hub.example.com` */
  hubUrl: string;
  /** the source's API key (`hubsrc_…`) or an admin API token */
  apiKey: string;
  /** the set to keep fresh; a new one starting at `after` by default */
  set?: RevocationSet;
  /** a persisted seq to resume from (see `onSeq`); `0` reads the feed from the beginning */
  after?: string;
  /** called with the newest applied seq after each change, to persist it */
  onSeq?: (seq: string) => void | Promise<void>;
  /** how often the feed is polled while the stream is down (default 2 s) */
  pollIntervalMs?: number;
  /**
   * first and longest wait before reconnecting the stream; without it the first is the hub's
   * `retry:` (the hub asks for 2 s), else 0.5 s, and the longest 30 s
   */
  backoffMs?: { initial: number; max: number };
  /** a stream silent this long (no event, no heartbeat) is dropped and reconnected (default 35 s) */
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
  logger?: KitLogger;
};

export type SyncState = 'idle' | 'connecting' | 'streaming' | 'polling' | 'stopped';

/**
 * What the sync tells its listeners: `applied` when new entries were applied, `caught-up` when it
 * reached the hub (the feed read to its end, or a stream opened) after not having it.
 */
export type SyncEvent = { type: 'applied' | 'caught-up'; seq: string };

const FEED_PAGE = 1000;
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Keeps a RevocationSet fresh from the hub: a catch-up from the feed, then the SSE stream resumed
 * with Last-Event-ID; while the stream is down it reconnects with jittered exponential back-off and
 * polls the feed meanwhile, so entries keep arriving within the poll interval.
 */
export class RevocationSync {
  readonly set: RevocationSet;
  state: SyncState = 'idle';
  /** streams opened so far (the first one included) */
  connections = 0;
  private readonly stopper = new AbortController();
  private streamAbort: AbortController | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private polling = false;
  private loop: Promise<void> | null = null;
  private readonly fetch: typeof fetch;
  private readonly logger: KitLogger;
  private readonly base: string;
  private readonly listeners = new Set<(event: SyncEvent) => void>();
  /** whether the last read of the feed or the stream reached the hub */
  private reached = false;
  /** the hub's `retry:` (milliseconds), when it sent one */
  private retryMs: number | null = null;

  constructor(private readonly options: RevocationSyncOptions) {
    this.set = options.set ?? new RevocationSet(options.after ?? '0');
    this.fetch = options.fetch ?? fetch;
    this.logger = options.logger ?? consoleLogger;
    this.base = options.hubUrl.replace(/\/+$/, '');
  }

  /** Catches up from the feed (when the hub answers), then keeps the stream going in background. */
  async start(): Promise<void> {
    if (this.loop) return;
    await this.poll().catch((err) => this.logger.warn('revocation feed unreachable at start', err));
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    this.stopper.abort();
    this.streamAbort?.abort();
    this.stopPolling();
    await this.loop;
  }

  /** Whether the hub was reached by the last feed read or stream (the stream open counts). */
  get inContact(): boolean {
    return this.reached && this.state !== 'stopped';
  }

  /** Calls `listener` on every SyncEvent; returns the function that stops it. */
  subscribe(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private emit(type: SyncEvent['type']) {
    for (const listener of this.listeners) {
      try {
        listener({ type, seq: this.set.seq });
      } catch (err) {
        this.logger.warn('a revocation listener failed', err);
      }
    }
  }

  private contact(reached: boolean) {
    const regained = reached && !this.reached;
    this.reached = reached;
    if (regained) this.emit('caught-up');
  }

  private get headers() {
    return { authorization: `Bearer ${this.options.apiKey}` };
  }

  private apply(entries: RevocationEntry[]) {
    if (this.set.add(entries) === 0) return;
    if (this.options.onSeq) {
      Promise.resolve(this.options.onSeq(this.set.seq)).catch((err) =>
        this.logger.warn('could not persist the revocation seq', err),
      );
    }
    this.emit('applied');
  }

  /** Reads the feed after the set's seq until it is drained. */
  async poll(): Promise<void> {
    try {
      for (;;) {
        const url = `${this.base}/api/v1/revocations?after=${this.set.seq}&limit=${FEED_PAGE}`;
        const res = await this.fetch(url, { headers: this.headers, signal: this.stopper.signal });
        if (!res.ok) throw new Error(`revocation feed answered ${res.status}`);
        const page = (await res.json()) as { items: RevocationEntry[] };
        this.apply(page.items);
        if (page.items.length < FEED_PAGE) break;
      }
    } catch (err) {
      this.contact(false);
      throw err;
    }
    this.contact(true);
  }

  private startPolling() {
    if (this.pollTimer || this.stopper.signal.aborted) return;
    if (this.state !== 'stopped') this.state = 'polling';
    this.pollTimer = setInterval(() => {
      if (this.polling) return;
      this.polling = true;
      this.poll()
        .catch(() => {})
        .finally(() => (this.polling = false));
    }, this.options.pollIntervalMs ?? 2000);
    this.pollTimer.unref?.();
  }

  private stopPolling() {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private async run(): Promise<void> {
    const configured = this.options.backoffMs;
    let attempt = 0;
    while (!this.stopper.signal.aborted) {
      try {
        const streamed = await this.stream();
        if (streamed) attempt = 0;
      } catch (err) {
        if (!this.stopper.signal.aborted) this.logger.warn('revocation stream dropped', err);
      }
      if (this.stopper.signal.aborted) break;
      this.startPolling();
      const first = configured?.initial ?? this.retryMs ?? 500;
      const max = configured?.max ?? 30_000;
      const wait = Math.min(max, first * 2 ** attempt) * (0.8 + Math.random() * 0.4);
      attempt = Math.min(attempt + 1, 20);
      await sleep(wait, this.stopper.signal);
    }
  }

  /** One stream connection; true when it was open and delivering before it ended. */
  private async stream(): Promise<boolean> {
    if (this.state !== 'polling') this.state = 'connecting';
    const abort = new AbortController();
    this.streamAbort = abort;
    const idleMs = this.options.idleTimeoutMs ?? 35_000;
    let idle = setTimeout(() => abort.abort(), idleMs);
    const alive = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(), idleMs);
    };
    try {
      const res = await this.fetch(`${this.base}/api/v1/revocations/stream`, {
        headers: { ...this.headers, accept: 'text/event-stream', 'last-event-id': this.set.seq },
        signal: AbortSignal.any([abort.signal, this.stopper.signal]),
      });
      if (!res.ok || !res.body) {
        await res.body?.cancel().catch(() => {});
        throw new Error(`revocation stream answered ${res.status}`);
      }
      this.contact(true);
      this.connections++;
      this.state = 'streaming';
      this.stopPolling();
      await readSse(res.body, {
        onEvent: (event) => {
          if (event.event !== 'revocation' && event.event !== 'message') return;
          let entry: RevocationEntry;
          try {
            entry = JSON.parse(event.data) as RevocationEntry;
          } catch {
            return this.logger.warn(`skipped an event that is not JSON (id ${event.id})`);
          }
          this.apply([entry]);
        },
        onActivity: alive,
        onRetry: (ms) => (this.retryMs = ms),
      });
      return true;
    } catch (err) {
      if (this.state === 'streaming') return true;
      if (!this.stopper.signal.aborted) this.contact(false);
      throw err;
    } finally {
      clearTimeout(idle);
      if (this.state === 'streaming') this.state = 'connecting';
    }
  }
}
