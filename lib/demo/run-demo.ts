import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Db } from '@/db/client';
import { findSourceForIngestion, listSources } from '@/db/queries/sources';
import type { SourceKind } from '@/lib/constants';
import { MAX_BODY_BYTES } from '@/lib/ingestion/limits';
import { createSource } from '@/lib/sources/manage-sources';
import { openSigningSecret } from '@/lib/sources/signing-secret';
import { demoCatalog } from './catalog';
import type { DemoEvent } from './events';
import { historyEvents } from './history';
import { DEMO_ISSUER } from './personas';
import { createRng } from './rng';
import { newTrickleState, trickleEvents } from './trickle';
import { formatCount } from '@/lib/format';

export const DEMO_SOURCE_PREFIX = 'Demo · ';
/** The audit trail's actor for what the demo itself registers. */
export const DEMO_ACTOR_ID = '00000000-0000-4000-8000-00000000de30';
const BATCH_SIZE = 250;
const MAX_RETRIES = 5;
const FAILURE_LOG_INTERVAL_MS = 60_000;

type DemoSourceSpec = {
  /** the `source` attribute of the events this source sends */
  producer: string;
  name: string;
  kind: SourceKind;
  issuer?: string;
  resource?: string;
};

export const demoSourceSpecs: DemoSourceSpec[] = [
  {
    producer: DEMO_ISSUER,
    name: `${DEMO_SOURCE_PREFIX}${demoCatalog.authorizationServer.name.replace(' (demo)', '')}`,
    kind: 'authorization_server',
    issuer: DEMO_ISSUER,
  },
  ...demoCatalog.servers.map((server) => ({
    producer: server.resource,
    name: `${DEMO_SOURCE_PREFIX}${server.name} MCP server`,
    kind: 'mcp_server' as const,
    resource: server.resource,
  })),
];

type Target = { id: string; name: string; secret: string };

export type StartDemoOptions = {
  db: Db;
  orgId: string;
  /** where this hub's own ingestion endpoint answers, e.g. http://127.0.0.1:3000 */
  hubUrl: string;
  log: (line: string) => void;
  trickleEveryMs?: number;
  /** the end of the replayed month (tests); defaults to the current time */
  now?: Date;
};

/** The demo sources of the org, registering the missing ones; `created` are the new ones. */
async function ensureDemoSources(db: Db, orgId: string) {
  const existing = await listSources(db, orgId);
  const actor = { id: DEMO_ACTOR_ID, orgId, email: 'Demo' };
  const known = new Map<string, { id: string; name: string }>();
  const created = new Map<string, Target>();
  for (const spec of demoSourceSpecs) {
    const found = existing.find((s) => s.name === spec.name && s.kind === spec.kind);
    if (found) {
      known.set(spec.producer, { id: found.id, name: spec.name });
      continue;
    }
    const result = await createSource(db, actor, {
      name: spec.name,
      kind: spec.kind,
      issuer: spec.issuer,
      resource: spec.resource,
      revocation_webhook_url: undefined,
    });
    known.set(spec.producer, { id: result.source.id, name: spec.name });
    created.set(spec.producer, {
      id: result.source.id,
      name: spec.name,
      secret: result.signingSecret,
    });
  }
  return { known, created };
}

/** The source as it is now: skipped (null) when disabled or gone; its newest secret signs. */
async function currentTarget(db: Db, known: { id: string; name: string }): Promise<Target | null> {
  const source = await findSourceForIngestion(db, known.id);
  const secret = source?.secrets[0];
  if (!source || source.status !== 'active' || !secret) return null;
  return { ...known, secret: openSigningSecret(secret.id, secret.ciphertext) };
}

type SendResult =
  { ok: true; accepted: number; duplicates: number } | { ok: false; problem: string };

// Unref'd like the trickle's timer: a pending retry never keeps a stopping process alive.
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** POSTs one batch, signed with the official Standard Webhooks library, as any sender would. */
async function send(hubUrl: string, target: Target, events: DemoEvent[]): Promise<SendResult> {
  const body = JSON.stringify(events);
  if (events.length > 1 && Buffer.byteLength(body) > MAX_BODY_BYTES - 4096) {
    const half = Math.ceil(events.length / 2);
    const first = await send(hubUrl, target, events.slice(0, half));
    if (!first.ok) return first;
    const second = await send(hubUrl, target, events.slice(half));
    if (!second.ok) return second;
    return {
      ok: true,
      accepted: first.accepted + second.accepted,
      duplicates: first.duplicates + second.duplicates,
    };
  }
  const webhook = new Webhook(target.secret);
  for (let attempt = 0; ; attempt++) {
    const msgId = `msg_demo_${randomUUID()}`;
    const at = new Date();
    let response: Response;
    try {
      response = await fetch(`${hubUrl}/api/v1/sources/${target.id}/events`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/cloudevents-batch+json',
          'webhook-id': msgId,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': webhook.sign(msgId, at, body),
        },
      });
    } catch (err) {
      return { ok: false, problem: `could not reach ${hubUrl}: ${messageOf(err)}` };
    }
    const text = await response.text();
    if (response.status === 202) {
      const counts = parseCounts(text);
      return { ok: true, accepted: counts.accepted, duplicates: counts.duplicates };
    }
    // Over the source's rate, or the hub briefly unable to store: both say when to come back.
    if ((response.status === 429 || response.status === 503) && attempt < MAX_RETRIES) {
      const seconds = Number(response.headers.get('retry-after'));
      await wait(Math.min(60, Number.isFinite(seconds) && seconds > 0 ? seconds : 5) * 1000);
      continue;
    }
    return {
      ok: false,
      problem: `HTTP ${response.status} from “${target.name}”: ${text.slice(0, 2000)}`,
    };
  }
}

function parseCounts(text: string): { accepted: number; duplicates: number } {
  try {
    const parsed = JSON.parse(text) as { accepted?: unknown; duplicates?: unknown };
    return {
      accepted: typeof parsed.accepted === 'number' ? parsed.accepted : 0,
      duplicates: typeof parsed.duplicates === 'number' ? parsed.duplicates : 0,
    };
  } catch {
    return { accepted: 0, duplicates: 0 };
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Sends the month through the endpoint in batches of BATCH_SIZE per source, flushing each
 * source's batch as it fills, so the hub receives the month roughly in time order. Stops at the
 * first refused batch and logs why.
 */
async function replayHistory(
  hubUrl: string,
  targets: Map<string, Target>,
  events: DemoEvent[],
  log: (line: string) => void,
) {
  const started = performance.now();
  const pending = new Map<string, DemoEvent[]>();
  let accepted = 0;
  let duplicates = 0;
  const flush = async (producer: string) => {
    const batch = pending.get(producer);
    if (!batch?.length) return true;
    pending.set(producer, []);
    const result = await send(hubUrl, targets.get(producer)!, batch);
    if (!result.ok) {
      log(`history replay stopped after ${formatCount(accepted)} events: ${result.problem}`);
      return false;
    }
    accepted += result.accepted;
    duplicates += result.duplicates;
    return true;
  };
  for (const event of events) {
    if (!targets.has(event.source)) continue;
    const batch = pending.get(event.source) ?? [];
    batch.push(event);
    pending.set(event.source, batch);
    if (batch.length >= BATCH_SIZE && !(await flush(event.source))) return;
  }
  for (const producer of pending.keys()) if (!(await flush(producer))) return;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(
    `replayed ${formatCount(accepted)} events through the signed endpoint in ${seconds} s` +
      (duplicates ? ` (${formatCount(duplicates)} were already there)` : ''),
  );
}

/**
 * Starts the demo (shared/spec/operations.md, "Demo") in `orgId`, talking to this hub over HTTP
 * like any authorization server or MCP server would: the events go through the signed ingestion
 * endpoint, never into tables. Call it once the HTTP server listens.
 *
 * The demo sources are found by name; missing ones are registered. The month of history is
 * replayed only for sources this call has just registered: a hub restarted on an existing demo
 * keeps its data and only resumes the live trickle (re-sending would be harmless, the events being
 * idempotent, but slow and pointless). Never throws: a failure is logged and the hub keeps
 * serving. Returns a function that stops the trickle.
 */
export async function startDemo(options: StartDemoOptions): Promise<() => void> {
  const { db, orgId, log } = options;
  const hubUrl = options.hubUrl.replace(/\/+$/, '');
  let known: Map<string, { id: string; name: string }>;
  try {
    const ensured = await ensureDemoSources(db, orgId);
    known = ensured.known;
    if (ensured.created.size > 0) {
      log(`registered ${ensured.created.size} demo source(s); replaying a month of history…`);
      await replayHistory(hubUrl, ensured.created, historyEvents(options.now ?? new Date()), log);
    } else {
      log(
        'demo sources found: resuming the live trickle (their history was sent when they were created)',
      );
    }
  } catch (err) {
    log(`the demo could not start: ${messageOf(err)}`);
    return () => {};
  }

  const state = newTrickleState(new Date());
  const rng = createRng(Date.now() & 0x7fffffff);
  let stopped = false;
  let busy = false;
  let lastFailureLog = 0;
  let unlogged = 0;
  const failed = (problem: string) => {
    const now = Date.now();
    if (now - lastFailureLog < FAILURE_LOG_INTERVAL_MS) {
      unlogged++;
      return;
    }
    log(
      `live trickle: ${problem}${unlogged ? ` (${unlogged} more failure(s) since the last report)` : ''}`,
    );
    lastFailureLog = now;
    unlogged = 0;
  };

  const tick = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const bySource = new Map<string, DemoEvent[]>();
      for (const event of trickleEvents(new Date(), rng, state)) {
        bySource.set(event.source, [...(bySource.get(event.source) ?? []), event]);
      }
      for (const [producer, events] of bySource) {
        const source = known.get(producer);
        // A demo source an admin disabled stays quiet rather than filling its refusal log.
        const target = source ? await currentTarget(db, source) : null;
        if (!target || stopped) continue;
        const result = await send(hubUrl, target, events);
        if (!result.ok) failed(result.problem);
      }
    } catch (err) {
      failed(messageOf(err));
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.trickleEveryMs ?? 8_000);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
