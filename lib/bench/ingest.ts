/**
 * `npm run bench:ingest`: events/s through the full HTTP ingestion path against the raw rate of
 * inserting the same audit rows, in one run, on a fresh database (PGlite, or a new database on the
 * server of DATABASE_URL). It reports; it fails only when something broke (see lib/bench/README.md).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import os from 'node:os';
import type { Db } from '@/db/client';
import { ensureBuild, startHubServer, type HubServer } from '@/lib/server/hub-server';
import { openBenchDatabase, type BenchDatabase } from './database';
import { auditRowFor, createEventFactory, fakeIds, type EventFactory } from './events';
import { createRoutedSender, createSender, timeJobs, type Timing } from './load';
import { insertJsonRecordset, insertValues } from './raw';
import { prepareBenchHub, staleBuildSources } from './setup';
import {
  describeMachine,
  formatReport,
  saveReport,
  scenarioResult,
  type BenchReport,
  type ScenarioResult,
} from './report';

const log = (line: string) => console.error(`[bench] ${line}`);

type Scenario = { name: string; events: number; size: number; concurrency: number };

/** BENCH_EVENTS: one number for every scenario, or three (`single,batch100,batch1000`). */
function scenariosFrom(setting: string | undefined): Scenario[] {
  const counts = (setting ?? '').split(',').map((v) => Number(v.trim()));
  const valid = counts.every((n) => Number.isInteger(n) && n > 0);
  const [single, hundred, thousand] =
    setting && valid ? (counts.length === 1 ? [counts[0]!, counts[0]!, counts[0]!] : counts) : [];
  if (setting && (!valid || (counts.length !== 1 && counts.length !== 3))) {
    throw new Error(`BENCH_EVENTS must be one positive integer or three (got "${setting}")`);
  }
  return [
    { name: 'single event', events: single ?? 3_000, size: 1, concurrency: 4 },
    { name: 'batch of 100', events: hundred ?? 20_000, size: 100, concurrency: 2 },
    { name: 'batch of 1,000', events: thousand ?? 20_000, size: 1_000, concurrency: 2 },
  ];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

type Context = {
  db: Db;
  orgId: string;
  sourceId: string;
  sender: ReturnType<typeof createRoutedSender>;
  factory: EventFactory;
  ids: ReturnType<typeof fakeIds>;
};

function httpRun(ctx: Context, events: number, size: number, concurrency: number) {
  const requests = ctx.sender.prepare(ctx.factory.many(events), size, size > 1);
  return timeJobs(requests, concurrency, (r) => r.events, ctx.sender.send);
}

function rawRows(ctx: Context, events: number) {
  return ctx.factory
    .many(events)
    .map((e) => auditRowFor(e, { orgId: ctx.orgId, sourceId: ctx.sourceId, ...ctx.ids }));
}

/** JIT, Next's route bundle, connection pools and the agents every later event refers to. */
async function warmUp(ctx: Context): Promise<void> {
  const registrations = ctx.sender.prepare(ctx.factory.registrations(), Infinity, true);
  await timeJobs(registrations, 1, (r) => r.events, ctx.sender.send);
  await httpRun(ctx, 200, 1, 4);
  await httpRun(ctx, 400, 100, 2);
  await httpRun(ctx, 1_000, 1_000, 1);
  for (const insert of [insertValues, insertJsonRecordset]) {
    await insert(ctx.db, rawRows(ctx, 200), 1, 4);
    await insert(ctx.db, rawRows(ctx, 400), 100, 2);
    await insert(ctx.db, rawRows(ctx, 1_000), 1_000, 1);
  }
}

async function runBench(bench: BenchDatabase, scenarios: Scenario[], loadAtStart: number[]) {
  const { database } = bench;
  const port = await freePort();
  const hubUrl = `http://127.0.0.1:${port}`;
  // The Next bundles read these from the shared environment, as under lib/server/start.ts.
  process.env.HUB_URL = hubUrl;
  process.env.AUTH_URL = `${hubUrl}/api/auth`;
  process.env.HUB_DATA_DIR = bench.dataDir;
  // Anything that falls back to DATABASE_URL must land on the bench database, never the user's.
  if (bench.databaseUrl) process.env.DATABASE_URL = bench.databaseUrl;
  else delete process.env.DATABASE_URL;

  const { orgId, sources } = await prepareBenchHub(bench, port, hubUrl);
  const senderOf = (s: { id: string; secret: string }) =>
    createSender(`${hubUrl}/api/v1/sources/${s.id}/events`, s.secret);

  let server: HubServer | null = null;
  try {
    server = await startHubServer({ database, port, hubUrl });
    const ctx: Context = {
      db: database.db,
      orgId,
      sourceId: sources.authorizationServer.id,
      sender: createRoutedSender({
        authorizationServer: senderOf(sources.authorizationServer),
        gateway: senderOf(sources.gateway),
      }),
      factory: createEventFactory(),
      ids: fakeIds(),
    };
    log(`warming up on ${bench.label}…`);
    await warmUp(ctx);

    const results: ScenarioResult[] = [];
    for (const s of scenarios) {
      const events = Math.ceil(s.events / s.size) * s.size;
      // Each HTTP run is followed at once by its raw baseline, so both see the same machine load.
      log(`${s.name}: ${events} events over HTTP, ${s.concurrency} in flight…`);
      const retriesBefore = ctx.sender.stats.networkRetries;
      const http: Timing = await httpRun(ctx, events, s.size, s.concurrency);
      const retries = ctx.sender.stats.networkRetries - retriesBefore;
      log(`${s.name}: ${events} raw audit rows, twice…`);
      const raw = await insertValues(ctx.db, rawRows(ctx, events), s.size, s.concurrency);
      const rawJson = await insertJsonRecordset(
        ctx.db,
        rawRows(ctx, events),
        s.size,
        s.concurrency,
      );
      results.push(scenarioResult(s.name, s.size, s.concurrency, { http, raw, rawJson }, retries));
    }
    const report: BenchReport = {
      machine: describeMachine(bench.label, loadAtStart),
      scenarios: results,
      retryCauses: [...ctx.sender.stats.causes],
    };
    return report;
  } finally {
    await server?.close().catch(() => {});
  }
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  const scenarios = scenariosFrom(process.env.BENCH_EVENTS);
  // Random per run, set before any module reads them: the bench database is thrown away anyway.
  process.env.AUTH_SECRET = randomBytes(32).toString('base64url');
  process.env.HUB_ENCRYPTION_KEY = randomBytes(32).toString('base64');
  process.env.AUTH_TRUST_HOST = 'true';
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  ensureBuild(log);
  const stale = staleBuildSources();
  if (stale.length > 0) {
    log(
      `warning: ${stale.length} source file(s) changed since the last build (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}); run \`npm run build\` to measure them`,
    );
  }

  const bench = await openBenchDatabase(process.env.DATABASE_URL || null);
  const interrupted = () => {
    log('interrupted: dropping the bench database');
    void bench.dispose().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  let report: BenchReport;
  try {
    report = await runBench(bench, scenarios, loadAtStart);
  } finally {
    await bench.dispose();
  }
  console.log(formatReport(report));
  const file = saveReport('ingest', report);
  console.log(`\n(JSON below, also in ${file})\n${JSON.stringify(report)}`);
}

// Next keeps timers and sockets alive after close, so the process ends explicitly.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    // fetch hides the socket error in `cause`; without it "fetch failed" says nothing.
    const cause =
      err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
    console.error(
      `The benchmark broke: ${err instanceof Error ? err.message : String(err)}${cause}`,
    );
    process.exit(1);
  },
);
