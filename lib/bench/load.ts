import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import { producers } from '@/lib/ingestion/schemas/producers';
import type { BenchEvent } from './events';

export type Timing = {
  /** units of work done: events for HTTP, rows for raw inserts */
  items: number;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
};

/**
 * Runs `jobs` with at most `concurrency` in flight and times each one. Throughput is items over
 * the wall time of the whole run; latency is per job (one request, or one INSERT).
 */
export async function timeJobs<J>(
  jobs: J[],
  concurrency: number,
  itemsOf: (job: J) => number,
  run: (job: J) => Promise<void>,
): Promise<Timing> {
  const latencies: number[] = [];
  let nextJob = 0;
  const started = performance.now();
  const worker = async () => {
    while (nextJob < jobs.length) {
      const job = jobs[nextJob++]!;
      const t0 = performance.now();
      await run(job);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  const seconds = (performance.now() - started) / 1000;
  const items = jobs.reduce((sum, job) => sum + itemsOf(job), 0);
  latencies.sort((a, b) => a - b);
  return {
    items,
    requests: jobs.length,
    seconds,
    perSecond: items / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** Splits `items` into chunks of `size` (the last one may be shorter). */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type PreparedRequest = {
  body: string;
  contentType: string;
  events: number;
  /** Standard Webhooks headers, signed ahead of the timed run (see createSender) */
  signed?: { headers: Record<string, string>; at: number };
};

/** Serialises ahead of the timed run, so the client's JSON work does not count against the hub. */
export function prepareRequests(batches: BenchEvent[][], asBatch: boolean): PreparedRequest[] {
  return batches.map((events) =>
    asBatch
      ? {
          body: JSON.stringify(events),
          contentType: 'application/cloudevents-batch+json',
          events: events.length,
        }
      : { body: JSON.stringify(events[0]), contentType: 'application/cloudevents+json', events: 1 },
  );
}

// The hub refuses timestamps more than 5 minutes off; a signature older than this is redone.
const FRESH_MS = 4 * 60 * 1000;

/**
 * Signs and sends requests as a sender would, with the official standardwebhooks library, over
 * the global fetch, whose undici agent keeps connections alive. `prepare` signs ahead of the timed
 * run: the client shares this process with the hub, and the library's pure-JS HMAC would
 * otherwise bill about 11 ms per 500 kB body to the hub. Anything but `202` with every event
 * accepted is a failure.
 */
export function createSender(endpoint: string, secret: string) {
  const webhook = new Webhook(secret);
  const stats = { networkRetries: 0, causes: new Set<string>() };
  const sign = (body: string, msgId = `msg_${randomUUID()}`) => {
    const at = new Date();
    return {
      at: at.getTime(),
      headers: {
        'webhook-id': msgId,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': webhook.sign(msgId, at, body),
      },
    };
  };
  const prepare = (batches: BenchEvent[][], asBatch: boolean): PreparedRequest[] =>
    prepareRequests(batches, asBatch).map((r) => ({ ...r, signed: sign(r.body) }));

  const post = (request: PreparedRequest, resign: boolean) => {
    const fresh = request.signed && Date.now() - request.signed.at < FRESH_MS && !resign;
    const signed = fresh
      ? request.signed!
      : sign(request.body, request.signed?.headers['webhook-id']);
    request.signed = signed;
    return fetch(endpoint, {
      method: 'POST',
      body: request.body,
      headers: { 'content-type': request.contentType, ...signed.headers },
    });
  };

  const send = async (request: PreparedRequest): Promise<void> => {
    let retried = false;
    let response: Response;
    try {
      response = await post(request, false);
    } catch (err) {
      // A kept-alive connection can close under a request while the event loop is busy (PGlite
      // runs on it). Senders retry such failures once, which is safe: ingestion is idempotent.
      // Retries are counted and reported, so they cannot hide a server that drops connections.
      if (!(err instanceof TypeError)) throw err;
      stats.networkRetries++;
      const cause = err.cause as { code?: string; message?: string } | undefined;
      stats.causes.add(cause?.code ?? cause?.message ?? err.message);
      retried = true;
      response = await post(request, true);
    }
    const text = await response.text();
    if (response.status === 404) {
      throw new Error(
        'ingestion answered 404: the production build predates the endpoint; run `npm run build`',
      );
    }
    if (response.status !== 202) {
      throw new Error(`ingestion answered ${response.status}: ${text.slice(0, 500)}`);
    }
    // Every id is new, so anything but "all accepted" means events were lost or misread (after a
    // retry, the first attempt may have landed: its events then come back as duplicates).
    const result = JSON.parse(text) as { accepted?: number; duplicates?: number };
    const counted = (result.accepted ?? 0) + (retried ? (result.duplicates ?? 0) : 0);
    if (counted !== request.events) {
      throw new Error(`ingestion answered ${text} for ${request.events} events`);
    }
  };
  return { prepare, send, stats };
}

type Sender = ReturnType<typeof createSender>;
type RoutedRequest = PreparedRequest & { via: Sender };

/**
 * A sender per producer, as in a deployment: the authorization server's types go through its
 * source, the MCP types through a gateway's (a source speaks only for itself). `prepare` groups
 * the events by producer before cutting them into requests of `size`, so batches stay full.
 */
export function createRoutedSender(routes: { authorizationServer: Sender; gateway: Sender }) {
  const senders = [routes.authorizationServer, routes.gateway];
  const prepare = (events: BenchEvent[], size: number, asBatch: boolean): RoutedRequest[] => {
    const fromAs = (e: BenchEvent) =>
      Object.hasOwn(producers, e.type) &&
      (producers[e.type as keyof typeof producers] as readonly string[]).includes(
        'authorization_server',
      );
    const groups = [events.filter(fromAs), events.filter((e) => !fromAs(e))];
    const prepared = groups.map((group, i) =>
      senders[i]!.prepare(chunk(group, size), asBatch).map((r) => ({ ...r, via: senders[i]! })),
    );
    // Interleaved, so both sources are busy throughout a run, as they would be.
    const out: RoutedRequest[] = [];
    for (let i = 0; i < Math.max(...prepared.map((p) => p.length)); i++) {
      for (const list of prepared) {
        const request = list[i];
        if (request) out.push(request);
      }
    }
    return out;
  };
  const stats = {
    get networkRetries() {
      return senders.reduce((n, s) => n + s.stats.networkRetries, 0);
    },
    get causes() {
      return new Set(senders.flatMap((s) => [...s.stats.causes]));
    },
  };
  return { prepare, send: (r: RoutedRequest) => r.via.send(r), stats };
}
