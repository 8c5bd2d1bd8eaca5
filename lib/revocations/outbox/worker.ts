import type { HubDatabase } from '@/db/client';
import {
  claimDueDeliveries,
  loadEntries,
  loadSigningSources,
  nextDueAt,
  recordAttempt,
  type AttemptOutcome,
  type ClaimedDelivery,
} from '@/db/queries/revocation-deliveries';
import { REVOCATION_CHANNEL } from '@/db/queries/revocations';
import type { RevocationEntry } from '@/db/schema';
import { openSigningSecret } from '@/lib/sources/signing-secret';
import { signedRequest } from './message';
import { ATTEMPT_TIMEOUT_MS, postDelivery, type PostResult } from './post';
import { nextAttemptAfterFailure } from './schedule';

export type OutboxWorkerOptions = {
  hubUrl: string;
  /** deliveries claimed, and attempted in parallel, at a time */
  batchSize?: number;
  /** longest sleep between looks at the outbox when nothing wakes the worker */
  sweepMs?: number;
  attemptTimeoutMs?: number;
  log?: (line: string) => void;
};

type Signer = { status: string; secret: string | null };

/**
 * Delivers the push outbox (lib/revocations/README.md). Every hub process runs one; they share
 * the work through claims (db/queries/revocation-deliveries.ts), so each delivery is attempted by
 * one of them at a time. All state is in the database: a restarted hub picks up where it was.
 * It wakes on the NOTIFY of a new entry, when the next retry falls due, and at least every
 * `sweepMs`.
 */
export class OutboxWorker {
  private readonly batchSize: number;
  private readonly sweepMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly log: (line: string) => void;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly database: HubDatabase,
    private readonly options: OutboxWorkerOptions,
  ) {
    this.batchSize = options.batchSize ?? 16;
    this.sweepMs = options.sweepMs ?? 5_000;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS;
    this.log = options.log ?? ((line) => console.log(`[hub] ${line}`));
  }

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(
      REVOCATION_CHANNEL,
      () => this.wake(),
      () => this.wake(),
    );
    this.wake();
  }

  /** Looks at the outbox now (or right after the current look). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Resolves once the current look, if any, is over. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops waking; waits for the attempts under way (each ends within its time limit). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.unlisten?.();
    await this.idle();
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        while (!this.stopped && (await this.deliverBatch()) === this.batchSize);
      } while (this.again && !this.stopped);
      if (!this.stopped) await this.scheduleNext();
    } catch (err) {
      this.log(`revocation push: ${err instanceof Error ? err.message : String(err)}`);
      if (!this.stopped) this.schedule(this.sweepMs);
    }
  }

  private async scheduleNext(): Promise<void> {
    const due = await nextDueAt(this.database.db);
    const wait = due ? Math.max(0, due.getTime() - Date.now()) : this.sweepMs;
    this.schedule(Math.min(wait + 10, this.sweepMs));
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), ms);
    this.timer.unref();
  }

  /** Claims and attempts one batch; answers how many were claimed. */
  private async deliverBatch(): Promise<number> {
    const db = this.database.db;
    // The lease outlasts an attempt (cut after attemptTimeoutMs) and its recording by far, so a
    // claimed row is never attempted twice at once; one a crashed process held is due again 20 s
    // later.
    const lease = Math.ceil((this.attemptTimeoutMs * 2) / 1000) + 10;
    const claimed = await claimDueDeliveries(db, this.batchSize, lease);
    if (claimed.length === 0) return 0;
    const entries = new Map(
      (await loadEntries(db, [...new Set(claimed.map((d) => d.entryId))])).map((e) => [e.id, e]),
    );
    const signers = new Map<string, Signer>(
      (await loadSigningSources(db, [...new Set(claimed.map((d) => d.sourceId))])).map((s) => [
        s.id,
        {
          status: s.status,
          secret: s.secret ? openSigningSecret(s.secret.id, s.secret.ciphertext) : null,
        },
      ]),
    );
    await Promise.all(
      claimed.map((d) => this.attempt(d, entries.get(d.entryId), signers.get(d.sourceId))),
    );
    return claimed.length;
  }

  private async attempt(
    delivery: ClaimedDelivery,
    entry: RevocationEntry | undefined,
    signer: Signer | undefined,
  ): Promise<void> {
    const at = new Date();
    let result: PostResult;
    if (!entry || !signer) return; // deleted with its org or source (cascade)
    if (signer.status !== 'active') {
      result = { statusCode: null, error: 'source disabled: not sent', durationMs: 0 };
    } else if (!signer.secret) {
      result = { statusCode: null, error: 'source has no valid signing secret', durationMs: 0 };
    } else {
      const request = signedRequest(delivery.id, entry, signer.secret, this.options.hubUrl, at);
      result = await postDelivery(delivery.targetUrl, request, this.attemptTimeoutMs);
    }
    const delivered = result.error === null;
    // A refused target (a private or metadata address) is given up at once: no retry can pass.
    const next =
      delivered || result.permanent
        ? null
        : nextAttemptAfterFailure(delivery.createdAt, delivery.attempts + 1, new Date());
    const outcome: AttemptOutcome = {
      at,
      ...result,
      status: delivered ? 'delivered' : next ? 'pending' : 'failed',
      nextAttemptAt: next,
    };
    await this.database.db.transaction((tx) => recordAttempt(tx, delivery, outcome));
  }
}
