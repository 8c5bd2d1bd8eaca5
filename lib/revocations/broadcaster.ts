import { getDatabase, type HubDatabase } from '@/db/client';
import { listRevocationEntriesAfter, REVOCATION_CHANNEL } from '@/db/queries/revocations';
import type { RevocationEntry } from '@/db/schema';

type Subscriber = { after: bigint; deliver: (entries: RevocationEntry[]) => void };

type OrgState = { subscribers: Set<Subscriber>; running: boolean; again: boolean };

const BATCH = 1000;
/** A safety net under NOTIFY: how often orgs with subscribers are looked at regardless. */
const SWEEP_MS = 5000;

/**
 * Fans new revocation entries out to this process's stream subscribers. Every hub process sharing
 * the database LISTENs on one channel; an entry's transaction NOTIFYs its org id at commit, and
 * each process then reads the entries past its subscribers' positions once per org and hands each
 * subscriber the ones it has not had. Reads per org never overlap (a wake during a read runs one
 * more read after it), so subscribers get every entry once, in `seq` order.
 */
export class RevocationBroadcaster {
  private readonly orgs = new Map<string, OrgState>();
  private stopListening: (() => Promise<void>) | null = null;
  private listening: Promise<void> | null = null;
  private sweep: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly database: HubDatabase) {}

  /** Subscribes to the org's entries after `after`; the catch-up starts at once. */
  async subscribe(orgId: string, after: bigint, deliver: Subscriber['deliver']) {
    await this.ensureListening();
    const subscriber: Subscriber = { after, deliver };
    const state = this.orgs.get(orgId) ?? { subscribers: new Set(), running: false, again: false };
    this.orgs.set(orgId, state);
    state.subscribers.add(subscriber);
    void this.wake(orgId);
    return () => {
      state.subscribers.delete(subscriber);
      if (state.subscribers.size === 0 && !state.running) this.orgs.delete(orgId);
    };
  }

  subscriberCount(): number {
    let n = 0;
    for (const state of this.orgs.values()) n += state.subscribers.size;
    return n;
  }

  async wake(orgId: string): Promise<void> {
    const state = this.orgs.get(orgId);
    if (!state) return;
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    try {
      do {
        state.again = false;
        await this.deliverPending(orgId, state);
      } while (state.again);
    } catch (err) {
      console.error('[hub] revocation stream could not read new entries', err);
    } finally {
      state.running = false;
      if (state.subscribers.size === 0) this.orgs.delete(orgId);
    }
  }

  private async deliverPending(orgId: string, state: OrgState) {
    for (;;) {
      if (state.subscribers.size === 0) return;
      let from = -1n;
      for (const s of state.subscribers) if (from < 0n || s.after < from) from = s.after;
      const entries = await listRevocationEntriesAfter(this.database.db, orgId, from, BATCH);
      if (entries.length === 0) return;
      for (const subscriber of state.subscribers) {
        const fresh = entries.filter((e) => e.seq > subscriber.after);
        if (fresh.length === 0) continue;
        subscriber.after = fresh[fresh.length - 1]!.seq;
        subscriber.deliver(fresh);
      }
      if (entries.length < BATCH) return;
    }
  }

  private wakeAll() {
    for (const orgId of this.orgs.keys()) void this.wake(orgId);
  }

  private ensureListening(): Promise<void> {
    this.listening ??= (async () => {
      this.stopListening = await this.database.listen(
        REVOCATION_CHANNEL,
        (orgId) => void this.wake(orgId),
        () => this.wakeAll(),
      );
      this.sweep = setInterval(() => this.wakeAll(), SWEEP_MS);
      this.sweep.unref();
    })();
    return this.listening;
  }

  async close(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    await this.stopListening?.();
    this.orgs.clear();
  }
}

const holder = globalThis as typeof globalThis & { __hubBroadcaster?: RevocationBroadcaster };

/** The process's broadcaster (one per process, shared by Next's bundles through globalThis). */
export function getBroadcaster(): RevocationBroadcaster {
  holder.__hubBroadcaster ??= new RevocationBroadcaster(getDatabase());
  return holder.__hubBroadcaster;
}
