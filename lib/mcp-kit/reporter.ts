import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { consoleLogger, type KitLogger, type RejectCause } from './types.js';

export type HubReporterOptions = {
  /** the source's ingestion URL: `{hub}/api/v1/sources/{sourceId}/events` */
  endpoint: string;
  /** the source's signing secret (`whsec_…`) */
  secret: string;
  /** the MCP server's canonical resource URI: the events' `source` and `data.resource` */
  resource: string;
  /** events per request (default 100, the hub takes up to 1,000) */
  maxBatch?: number;
  /** how long an event may wait for its batch to fill (default 1 s) */
  flushIntervalMs?: number;
  /** events kept while the hub is away; beyond it the oldest are dropped and counted (10,000) */
  maxQueue?: number;
  /** first and longest wait between failed attempts (default 1 s and 60 s) */
  backoffMs?: { initial: number; max: number };
  /** one attempt is cut after this long (default 5 s) */
  timeoutMs?: number;
  fetch?: typeof fetch;
  logger?: KitLogger;
};

export type CloudEvent = {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  datacontenttype: 'application/json';
  data: Record<string, unknown>;
};

export type ReporterStats = {
  queued: number;
  sent: number;
  dropped: number;
  refused: number;
  failedAttempts: number;
};

/** Statuses after which sending the same batch again cannot succeed: it is counted as refused. */
const FINAL = new Set([400, 404, 413, 415, 422]);

/**
 * Reports what the MCP server saw to the hub's ingestion webhook as CloudEvents, signed with
 * Standard Webhooks and sent in batches by one sender at a time. Reporting never throws and never
 * waits on the hub: events wait in a bounded queue, failed sends are retried with back-off, and when
 * the hub stays away the oldest events are dropped (and counted) rather than memory growing.
 */
export class HubReporter {
  readonly stats: ReporterStats = { queued: 0, sent: 0, dropped: 0, refused: 0, failedAttempts: 0 };
  private queue: CloudEvent[] = [];
  /** queued events sent without waiting for their batch to fill (acknowledgements) */
  private readonly urgent = new WeakSet<CloudEvent>();
  private urgentQueued = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sending: Promise<void> | null = null;
  private attempt = 0;
  private retryAt = 0;
  private closed = false;
  private readonly webhook: Webhook;
  private readonly fetch: typeof fetch;
  private readonly logger: KitLogger;

  constructor(private readonly options: HubReporterOptions) {
    this.webhook = new Webhook(options.secret);
    this.fetch = options.fetch ?? fetch;
    this.logger = options.logger ?? consoleLogger;
  }

  /**
   * Queues one event; returns its id. Never throws. An `urgent` one is sent at once (after any
   * back-off) rather than after the batch interval.
   */
  report(
    type: string,
    data: Record<string, unknown>,
    time = new Date(),
    options: { urgent?: boolean } = {},
  ): string {
    const id = `mcp_${randomUUID()}`;
    try {
      const event: CloudEvent = {
        specversion: '1.0',
        id,
        source: this.options.resource,
        type,
        time: time.toISOString(),
        datacontenttype: 'application/json',
        data: { resource: this.options.resource, ...stripUndefined(data) },
      };
      this.queue.push(event);
      if (options.urgent) {
        this.urgent.add(event);
        this.urgentQueued++;
      }
      const max = this.options.maxQueue ?? 10_000;
      if (this.queue.length > max)
        this.forget(this.queue.splice(0, this.queue.length - max), 'dropped');
      this.stats.queued = this.queue.length;
      if (options.urgent && this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      this.schedule();
    } catch (err) {
      this.logger.warn('could not queue an event', err);
    }
    return id;
  }

  toolInvoked(data: {
    tool: string;
    client_id: string;
    outcome: 'ok' | 'error' | 'denied';
    sub?: string;
    token_ref?: string;
    scopes?: string[];
    duration_ms?: number;
  }) {
    return this.report('tool.invoked', data);
  }

  toolDenied(data: {
    tool: string;
    client_id: string;
    required_scopes: string[];
    sub?: string;
    granted_scopes?: string[];
  }) {
    return this.report('tool.denied', data);
  }

  tokenRejected(data: { cause: RejectCause; token_ref?: string; client_id?: string }) {
    return this.report('token.rejected', data);
  }

  /**
   * `revocation.applied`: every revocation entry up to `through_seq` is enforced here from now.
   * Sent at once, since the hub times enforcement by it.
   */
  revocationApplied(throughSeq: string) {
    return this.report('revocation.applied', { through_seq: throughSeq }, new Date(), {
      urgent: true,
    });
  }

  /** Acknowledgements queued and not yet delivered. */
  get pendingAcknowledgements(): number {
    return this.queue.filter((e) => e.type === 'revocation.applied').length;
  }

  resourceUpdated(data: {
    name: string;
    authorization_servers?: string[];
    scopes_supported?: string[];
    scope_descriptions?: Record<string, string>;
    tools?: { name: string; description?: string; required_scopes?: string[] }[];
  }) {
    return this.report('resource.updated', data);
  }

  /** Sends everything queued now, waiting out no back-off; stops at the first failed attempt. */
  async flush(): Promise<void> {
    this.retryAt = 0;
    for (;;) {
      await this.sending;
      if (this.queue.length === 0) return;
      const before = this.stats.failedAttempts;
      await this.sendOnce();
      if (this.stats.failedAttempts > before) return;
    }
  }

  /** Stops the timers after one last attempt to send what is queued. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.sending;
    await this.flush();
  }

  private schedule() {
    if (this.closed || this.timer || this.sending || this.queue.length === 0) return;
    const now = this.urgentQueued > 0 || this.queue.length >= (this.options.maxBatch ?? 100);
    const wait = Math.max(
      this.retryAt - Date.now(),
      now ? 0 : (this.options.flushIntervalMs ?? 1000),
    );
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sendOnce();
    }, wait);
    this.timer.unref?.();
  }

  private sendOnce(): Promise<void> {
    if (this.sending) return this.sending;
    this.sending = this.attemptBatch().finally(() => {
      this.sending = null;
      this.stats.queued = this.queue.length;
      this.schedule();
    });
    return this.sending;
  }

  private async attemptBatch(): Promise<void> {
    const batch = this.queue.slice(0, this.options.maxBatch ?? 100);
    if (batch.length === 0) return;
    const done = () => {
      const ids = new Set(batch.map((e) => e.id));
      this.queue = this.queue.filter((e) => !ids.has(e.id));
      this.forget(batch);
    };
    try {
      const body = JSON.stringify(batch);
      const msgId = `msg_${randomUUID()}`;
      const now = new Date();
      const res = await this.fetch(this.options.endpoint, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/cloudevents-batch+json',
          'webhook-id': msgId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': this.webhook.sign(msgId, now, body),
        },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      const text = await res.text().catch(() => '');
      if (res.ok) {
        done();
        this.stats.sent += batch.length;
        this.attempt = 0;
        this.retryAt = 0;
        return;
      }
      if (FINAL.has(res.status)) {
        done();
        this.stats.refused += batch.length;
        this.logger.warn(
          `the hub refused ${batch.length} events (${res.status}): ${text.slice(0, 300)}`,
        );
        return;
      }
      const retryAfter = Number(res.headers.get('retry-after'));
      this.backOff(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 0);
      this.logger.warn(`the hub answered ${res.status}; retrying`);
    } catch (err) {
      this.backOff(0);
      this.logger.warn('the hub is unreachable; retrying', err);
    }
  }

  /** Events that left the queue: no longer urgent; counted when they were dropped unsent. */
  private forget(events: CloudEvent[], as?: 'dropped') {
    for (const event of events) if (this.urgent.delete(event)) this.urgentQueued--;
    if (as === 'dropped') this.stats.dropped += events.length;
  }

  private backOff(atLeastMs: number) {
    const { initial, max } = this.options.backoffMs ?? { initial: 1000, max: 60_000 };
    this.stats.failedAttempts++;
    const wait = Math.min(max, initial * 2 ** this.attempt) * (0.8 + Math.random() * 0.4);
    this.attempt = Math.min(this.attempt + 1, 20);
    this.retryAt = Date.now() + Math.max(wait, atLeastMs);
  }
}

function stripUndefined(data: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
}
