import type { HubReporter } from './reporter.js';
import type { RevocationSync } from './revocation-sync.js';

export type AcknowledgerOptions = {
  /** how often the position is sent again while the hub is reached (default 60 s, the contract's) */
  heartbeatMs?: number;
  /** how long new entries are gathered into one acknowledgement (default 50 ms) */
  gatherMs?: number;
};

/**
 * Tells the hub how far this server enforces its revocations (`revocation.applied`, see
 * shared/spec/revocation.md, *Enforcement*): once caught up with the feed, within a second of
 * applying new entries (gathered for `gatherMs`, then sent ahead of the reporter's batch
 * interval), and as a heartbeat every `heartbeatMs` while the revocation feed or stream reaches
 * the hub. A heartbeat is skipped while an acknowledgement still waits to be delivered, and none is
 * sent while the hub is out of reach, so the hub sees such a server as unreachable.
 */
export class Acknowledger {
  /** the last `through_seq` queued, and when */
  last: { seq: string; at: Date } | null = null;
  private gather: ReturnType<typeof setTimeout> | null = null;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly sync: RevocationSync,
    private readonly reporter: HubReporter,
    private readonly options: AcknowledgerOptions = {},
  ) {
    this.unsubscribe = sync.subscribe(() => this.soon());
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs ?? 60_000);
    this.heartbeat.unref?.();
  }

  /** Stops the timers; an acknowledgement being gathered is queued now. */
  stop() {
    this.unsubscribe();
    clearInterval(this.heartbeat);
    if (this.gather) {
      clearTimeout(this.gather);
      this.gather = null;
      this.send();
    }
  }

  private soon() {
    if (this.gather) return;
    this.gather = setTimeout(() => {
      this.gather = null;
      this.send();
    }, this.options.gatherMs ?? 50);
    this.gather.unref?.();
  }

  private beat() {
    if (!this.sync.inContact || this.gather || this.reporter.pendingAcknowledgements > 0) return;
    this.send();
  }

  private send() {
    const seq = this.sync.set.seq;
    this.reporter.revocationApplied(seq);
    this.last = { seq, at: new Date() };
  }
}
