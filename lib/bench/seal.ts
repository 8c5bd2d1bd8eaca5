import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { insertAuditEvent } from '@/lib/audit/record';
import { ensureAuditPartitions } from '@/db/queries/audit-partitions';
import { createOrg, setOrgRetention } from '@/db/queries/orgs';
import { applyRetention } from '@/lib/audit/retention';
import { generatedSigningKey, registerSigningKey } from '@/lib/audit/seal/keys';
import { sealPass } from '@/lib/audit/seal/sealer';
import { verifyOrgTrail } from '@/lib/audit/seal/verify';
import { openBenchDatabase } from './database';
import { describeMachine, saveReport } from './report';

/**
 * `npm run bench:seal`: what sealing and retention cost the trail, on a fresh PostgreSQL database
 * (DATABASE_URL's server, else the local one). BENCH_SEAL_EVENTS (default 2,000,000) events are
 * put in a month a year back, then:
 *   1. sealing and verifying them, in events per second;
 *   2. audit writes from 4 concurrent writers, with no sealer and with a sealing pass every 100 ms
 *      (the write gate must not serialize them): throughput and latency side by side;
 *   3. the same writers while retention drops that month: latency before and during the drop.
 */

const WRITERS = 4;
const PHASE_MS = 8_000;

type Latency = { writes: number; perSecond: number; p50: number; p99: number; max: number };

function summarize(samples: number[], ms: number): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    writes: samples.length,
    perSecond: Math.round((samples.length / ms) * 1000),
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1) ?? 0),
  };
}

/** WRITERS loops of single-event transactions until `until` resolves; latencies in ms. */
async function writeLoad(db: Db, orgId: string, until: Promise<unknown>): Promise<Latency> {
  let done = false;
  void until.finally(() => (done = true));
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; !done; i++) {
        const t = performance.now();
        await insertAuditEvent(db, orgId, {
          type: 'tool.invoked',
          summary: `bench writer ${w} call ${i}`,
          clientId: `agent-${w}`,
          data: { w, i },
        });
        samples.push(performance.now() - t);
      }
    }),
  );
  return summarize(samples, performance.now() - started);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const events = Number(process.env.BENCH_SEAL_EVENTS ?? 2_000_000);
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const loadAtStart = os.loadavg();
  const bench = await openBenchDatabase(serverUrl);
  const log = (line: string) => console.log(`[bench:seal] ${line}`);
  try {
    const { db } = bench.database;
    await runMigrations(bench.database);
    const org = await createOrg(db, { slug: 'bench', name: 'Bench' });
    const now = new Date();
    const oldMonth = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1));
    await ensureAuditPartitions(db, { now: oldMonth, monthsAhead: 0 });
    await ensureAuditPartitions(db, { now, monthsAhead: 1 });
    const key = await generatedSigningKey();
    await registerSigningKey(db, key);

    log(
      `seeding ${events.toLocaleString('en-US')} events into ${oldMonth.toISOString().slice(0, 7)}…`,
    );
    let t = performance.now();
    for (let from = 0; from < events; from += 250_000) {
      const to = Math.min(events, from + 250_000);
      await db.execute(sql`insert into audit_events (org_id, recorded_at, occurred_at, type,
          client_id, sub, tool, outcome, ip, summary, data)
        select ${org.id}, ${oldMonth.toISOString()}::timestamptz + g * interval '200 millisecond',
          ${oldMonth.toISOString()}::timestamptz + g * interval '200 millisecond', 'tool.invoked',
          'agent-' || (g % 500), 'user' || (g % 5000) || '@corp.example', 'tool_' || (g % 200),
          'ok', '203.0.113.' || (g % 250),
          'user' || (g % 5000) || '@corp.example used tool_' || (g % 200),
          jsonb_build_object('specversion', '1.0', 'id', 'evt-' || g, 'n', g)
        from generate_series(${from + 1}::int, ${to}::int) g`);
    }
    const seedSeconds = (performance.now() - t) / 1000;

    t = performance.now();
    let sealed = 0;
    for (;;) {
      const pass = await sealPass(db, key, { maxEvents: 500_000 });
      if (!pass || pass.events === 0) break;
      sealed += pass.events;
    }
    const sealSeconds = (performance.now() - t) / 1000;
    log(`sealed ${sealed.toLocaleString('en-US')} events in ${sealSeconds.toFixed(1)} s`);
    t = performance.now();
    const verified = await verifyOrgTrail(db, org.id);
    const verifySeconds = (performance.now() - t) / 1000;
    log(
      `verified ${verified.events.toLocaleString('en-US')} events in ${verifySeconds.toFixed(1)} s (ok: ${verified.ok})`,
    );

    log('writes without a sealer…');
    const unsealed = await writeLoad(db, org.id, sleep(PHASE_MS));
    log('writes with a sealing pass every 100 ms…');
    let sealing = true;
    let passes = 0;
    const sealer = (async () => {
      while (sealing) {
        if (await sealPass(db, key)) passes++;
        await sleep(100);
      }
    })();
    const whileSealing = await writeLoad(db, org.id, sleep(PHASE_MS));
    sealing = false;
    await sealer;
    while ((await sealPass(db, key))?.events) {
      /* seal what the writers wrote, so the old month is the only thing retention may drop */
    }

    log('writes before and during the retention drop of the seeded month…');
    const before = await writeLoad(db, org.id, sleep(PHASE_MS / 2));
    await setOrgRetention(db, org.id, 30);
    let dropMs = 0;
    let dropped = 0;
    const drop = (async () => {
      await sleep(500);
      const start = performance.now();
      const outcome = await applyRetention(db);
      dropMs = performance.now() - start;
      dropped = outcome.dropped.reduce((sum, d) => sum + d.events, 0);
      await sleep(1_000);
    })();
    const during = await writeLoad(db, org.id, drop);
    while ((await sealPass(db, key))?.events) {
      /* seal the drop record and the writes */
    }
    const after = await verifyOrgTrail(db, org.id);

    const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 100) / 100 : 0);
    const report = {
      machine: describeMachine(bench.label, loadAtStart),
      events,
      seed: { seconds: Math.round(seedSeconds) },
      seal: {
        events: sealed,
        seconds: Math.round(sealSeconds * 10) / 10,
        perSecond: Math.round(sealed / sealSeconds),
      },
      verify: {
        events: verified.events,
        seconds: Math.round(verifySeconds * 10) / 10,
        perSecond: Math.round(verified.events / verifySeconds),
        ok: verified.ok,
      },
      writes: {
        withoutSealer: unsealed,
        withSealer: whileSealing,
        sealingPasses: passes,
        throughputRatio: ratio(whileSealing.perSecond, unsealed.perSecond),
      },
      retention: {
        before,
        during,
        dropMs: Math.round(dropMs),
        dropped,
        p99Ratio: ratio(during.p99, before.p99),
        maxRatio: ratio(during.max, before.max),
        verifiedAfter: { ok: after.ok, events: after.events, droppedEvents: after.droppedEvents },
      },
    };
    const line = (name: string, l: Latency) =>
      `  ${name.padEnd(28)} ${String(l.perSecond).padStart(6)} writes/s   p50 ${l.p50} ms   p99 ${l.p99} ms   max ${l.max} ms`;
    console.log(
      [
        '',
        `Sealing and retention — ${bench.label}, ${events.toLocaleString('en-US')} events in one month`,
        `  seal    ${report.seal.perSecond.toLocaleString('en-US')} events/s   verify ${report.verify.perSecond.toLocaleString('en-US')} events/s`,
        line('writes, no sealer', unsealed),
        line('writes, sealing every 100 ms', whileSealing),
        `  → throughput with sealing ÷ without: ${report.writes.throughputRatio} (${passes} passes)`,
        line('writes before the drop', before),
        line('writes during the drop', during),
        `  → drop of ${dropped.toLocaleString('en-US')} events took ${report.retention.dropMs} ms; p99 during ÷ before: ${report.retention.p99Ratio}, max: ${report.retention.maxRatio}`,
        `  → after the drop the trail verifies: ${after.ok} (${after.events.toLocaleString('en-US')} proven, ${after.droppedEvents.toLocaleString('en-US')} dropped by retention)`,
        `  report: ${saveReport('seal', report)}`,
      ].join('\n'),
    );
  } finally {
    await bench.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
