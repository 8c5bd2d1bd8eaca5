import { sql } from 'drizzle-orm';
import { expect, test } from '@playwright/test';
import { rowsOf } from '../db/client';
import { createRng } from '../lib/demo/rng';
import { FuzzTally } from './support/hostile/answers';
import { changedTables, snapshotTables, withHubDatabase } from './support/hostile/db-snapshot';
import { seedFuzzHub } from './support/hostile/fuzz-setup';
import { runPool, sendRaw, type RawRequest } from './support/hostile/http';
import { hostilePort, hubEnv, rssKiB, startServingHub } from './support/hostile/hub';
import { ingestionCases } from './support/hostile/ingestion-cases';
import { managementCases } from './support/hostile/management-cases';
import { freshDatabaseEnv } from './support/fresh-database';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const WARM_UP = { ingestion: 500, management: 500 };
const MAIN = { ingestion: 5_000, management: 5_000 };
/** RSS may grow by this much over the main run: heap settling, caches of a first use. */
const RSS_MARGIN_KIB = 64 * 1024;
const HEAP_MIB = 256;
const KEPT_REFUSALS = 20;

// Columns that change on a refused request by design: the refusal counter, the last use of the
// admin token. ingestion_refusals and rate_limit_buckets are checked on their own below.
/**
 * The hub seals and verifies its audit trail on its own clock (at start, every few seconds), so
 * these grow whatever requests come in. audit_events itself is compared: an event a request wrote
 * would show there.
 */
const SEALING_BOOKKEEPING = new Set(['audit_checkpoints', 'audit_verifications']);

const IGNORED = {
  sources: ['refused_count', 'updated_at'],
  admin_api_tokens: ['last_used_at'],
  console_sessions: ['last_seen_at'],
  ingestion_refusals: ['id', 'at', 'status', 'reason', 'source_id', 'org_id'],
  rate_limit_buckets: ['window_start', 'count'],
};

type Job = { family: string; request: RawRequest; recordedFor: string | null; status?: number };

async function refusalsPerSource(env: Record<string, string>) {
  return withHubDatabase(env, async (database) => {
    const rows = rowsOf<{ id: string; refused: number | string; kept: number | string }>(
      await database.db.execute(sql`
        select s.id, s.refused_count as refused,
               (select count(*) from ingestion_refusals r where r.source_id = s.id) as kept
        from sources s order by s.id`),
    );
    return new Map(rows.map((r) => [r.id, { refused: Number(r.refused), kept: Number(r.kept) }]));
  });
}

test(
  '10,000 malformed, forged, replayed and oversized requests are each refused with a 4xx problem, and change nothing',
  { tag: '@once-per-run-pg' },
  async () => {
    // 11,000 requests take 2½–5 minutes here, depending on what else the 2 cores are doing.
    test.setTimeout(480_000);
    const { adminToken, env } = hubEnv(await freshDatabaseEnv('fuzz'));
    const port = hostilePort(0);

    const seeding = await startServingHub(env, port);
    const seeded = await seedFuzzHub(seeding.url, adminToken).finally(() => seeding.stop());

    const before = await withHubDatabase(env, (db) => snapshotTables(db, IGNORED));
    const refusedBefore = await refusalsPerSource(env);

    const tally = new FuzzTally();
    const expectedRefusals = new Map<string, number>();
    // A capped heap makes a leak show as a crash (and keeps V8 from growing lazily, which would
    // read as growth of RSS); the hub serves its normal load well within it.
    const hub = await startServingHub(
      { ...env, NODE_OPTIONS: `--max-old-space-size=${HEAP_MIB}` },
      port,
    );
    try {
      const rng = createRng(SEED);
      const plan = (counts: typeof MAIN): Job[] => {
        const jobs: Job[] = [
          ...ingestionCases(rng, seeded.sources, counts.ingestion),
          ...managementCases(rng, seeded.context, counts.management).map((c) => ({
            ...c,
            recordedFor: null,
          })),
        ];
        // interleaved, so both endpoints are under fire at once
        for (let i = jobs.length - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [jobs[i], jobs[j]] = [jobs[j]!, jobs[i]!];
        }
        return jobs;
      };
      const run = async (jobs: Job[]) =>
        runPool(jobs, 8, async (job) => {
          if (job.recordedFor)
            expectedRefusals.set(job.recordedFor, (expectedRefusals.get(job.recordedFor) ?? 0) + 1);
          const answer = await sendRaw(hub.url, job.request).catch((err: Error) => err);
          tally.record(job.family, job.request, answer, job.status);
        });

      await run(plan(WARM_UP));
      const rssBefore = await rssKiB(hub.pid);
      await run(plan(MAIN));
      const rssAfter = await rssKiB(hub.pid);
      const health = await fetch(`${hub.url}/api/health`);

      console.log(
        [
          `[fuzz] seed ${SEED}`,
          tally.summary(),
          `hub RSS after warm-up ${Math.round(rssBefore / 1024)} MiB, after ${MAIN.ingestion + MAIN.management} more cases ${Math.round(rssAfter / 1024)} MiB`,
        ].join('\n'),
      );
      expect(tally.failureReport(), 'every answer is a 4xx problem document').toBe('');
      expect(tally.cases).toBeGreaterThanOrEqual(10_000);
      expect(health.status, 'the hub still serves').toBe(200);
      expect(hub.output()).not.toMatch(/uncaught|unhandled/i);
      expect(rssAfter, 'the hub’s memory stays flat').toBeLessThan(rssBefore + RSS_MARGIN_KIB);
    } finally {
      await hub.stop();
    }

    const after = await withHubDatabase(env, (db) => snapshotTables(db, IGNORED));
    const refusedAfter = await refusalsPerSource(env);
    const expected = [...refusedBefore].map(([id, b]) => {
      const n = expectedRefusals.get(id) ?? 0;
      return { id, refused: b.refused + n, kept: Math.min(KEPT_REFUSALS, b.kept + n) };
    });
    console.log(
      `[fuzz] refusals recorded per source: ${JSON.stringify(Object.fromEntries(refusedAfter))}`,
    );
    // ingestion_refusals keeps the last refusals by design; it is checked per source below.
    expect(
      changedTables(before, after).filter(
        (t) => t.table !== 'ingestion_refusals' && !SEALING_BOOKKEEPING.has(t.table),
      ),
      'no table changed',
    ).toEqual([]);
    expect(
      [...refusedAfter].map(([id, a]) => ({ id, ...a })),
      'each refusal for a known source is counted once, the last 20 kept',
    ).toEqual(expected);
  },
);
