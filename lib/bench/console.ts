/**
 * `npm run bench:console`: seeds a PostgreSQL database with millions of audit events (and agents,
 * subjects, consents, tokens in proportion) and measures the queries behind the console's pages:
 * the audit trail's first page and a page 10,000 rows deep with no filter, each single filter and
 * free text; the overview's aggregates; and the export rate with its memory. It reports; it fails
 * only when something broke (see lib/bench/README.md).
 *
 *   npm run bench:console                  # 10 million events, a fresh database
 *   npm run bench:console -- --reuse       # measure again on the database seeded before
 *   npm run bench:console -- --quick       # 200,000 events, a smoke run
 *   npm run bench:console -- --rows=2000000 --repeats=21 --no-export
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, rowsOf, type Db, type HubDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { loadOverview } from '@/lib/overview/load';
import { seedAuditEvents } from './console-events';
import {
  measureExport,
  measureFacets,
  measurePages,
  pickScenarios,
  timeRepeated,
  type ExportResult,
} from './console-measure';
import { formatConsoleReport, type ConsoleBenchReport } from './console-report';
import { dropAuditIndexes, seedConsoleBench, seedSize } from './console-seed';
import { describeMachine, saveReport } from './report';

const log = (line: string) => console.error(`[bench] ${line}`);
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

type Options = { rows: number; reuse: boolean; repeats: number; exports: boolean };

function optionsFrom(argv: string[]): Options {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const quick = argv.includes('--quick');
  const rows = Number(value('rows') ?? (quick ? 200_000 : 10_000_000));
  const repeats = Number(value('repeats') ?? 15);
  if (!Number.isInteger(rows) || rows < 10_000) throw new Error('--rows must be ≥ 10000');
  if (!Number.isInteger(repeats) || repeats < 3) throw new Error('--repeats must be ≥ 3');
  return { rows, reuse: argv.includes('--reuse'), repeats, exports: !argv.includes('--no-export') };
}

const admin = (url: string) => postgres(url, { max: 1, onnotice: () => {} });

/** The bench's database `hub_bench_console_<rows>`, kept after the run for `--reuse`. */
async function openConsoleDatabase(serverUrl: string, name: string, fresh: boolean) {
  const client = admin(serverUrl);
  try {
    const [found] = await client`select 1 as x from pg_database where datname = ${name}`;
    if (found && fresh) await client.unsafe(`drop database "${name}" with (force)`);
    if (!found || fresh) await client.unsafe(`create database "${name}"`);
  } finally {
    await client.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir() });
}

type Meta = { org_id: string; seeded_at: string; seeded_in: string; events: number };

async function readMeta(db: Db): Promise<Meta | null> {
  try {
    return rowsOf<Meta>(await db.execute(sql`select * from bench_meta`))[0] ?? null;
  } catch {
    return null;
  }
}

async function seed(database: HubDatabase, rows: number, now: Date): Promise<Meta> {
  const db = database.db;
  const size = seedSize(rows);
  const started = Date.now();
  log(`seeding ${rows.toLocaleString('en')} audit events (this takes a while; --reuse skips it)`);
  const { orgId, sourceIds } = await seedConsoleBench(db, size, now, log);
  const indexes = await dropAuditIndexes(db);
  await seedAuditEvents(db, orgId, sourceIds, size, now, log);
  for (const definition of indexes) {
    const t0 = Date.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '1GB'`);
      await tx.execute(sql.raw(definition));
    });
    log(
      `${definition.match(/INDEX (\S+)/)?.[1]}: built in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
  }
  log('vacuum analyze…');
  await db.execute(sql`vacuum analyze`);
  const seconds = Math.round((Date.now() - started) / 1000);
  const seededIn = `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  await db.execute(sql`create table bench_meta as select ${orgId}::uuid as org_id,
    ${now.toISOString()}::timestamptz as seeded_at, ${seededIn}::text as seeded_in,
    ${rows}::bigint as events`);
  log(`seeded in ${seededIn}`);
  return { org_id: orgId, seeded_at: now.toISOString(), seeded_in: seededIn, events: rows };
}

async function main(): Promise<void> {
  const options = optionsFrom(process.argv.slice(2));
  const loadAtStart = os.loadavg();
  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER;
  const name = `hub_bench_console_${options.rows}`;
  let database = await openConsoleDatabase(serverUrl, name, !options.reuse);
  try {
    let meta = options.reuse ? await readMeta(database.db) : null;
    if (options.reuse && !meta) {
      log(`${name} holds no finished seed: seeding it afresh`);
      await database.close();
      database = await openConsoleDatabase(serverUrl, name, true);
    }
    await runMigrations(database);
    meta ??= await seed(database, options.rows, new Date());
    const db = database.db;
    const orgId = meta.org_id;
    const now = new Date(meta.seeded_at);
    const size = seedSize(Number(meta.events));

    log(`measuring audit pages (${options.repeats} runs each)…`);
    const pages = await measurePages(
      db,
      orgId,
      await pickScenarios(db, now, size.agents),
      options.repeats,
      log,
    );
    const facets = await measureFacets(db, orgId, options.repeats);
    log('measuring loadOverview…');
    const overviewStat = await timeRepeated(options.repeats, () => loadOverview(db, orgId, now));

    const exports: ExportResult[] = [];
    if (options.exports) {
      const lastMonth = new Date(now.getTime() - 30 * 86_400_000).toISOString();
      const [{ n }] = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from audit_events
          where org_id = ${orgId} and occurred_at >= ${lastMonth}::timestamptz`),
      ) as [{ n: number }];
      log(`export: NDJSON of the last 30 days (${n.toLocaleString('en')} rows)…`);
      exports.push(
        await measureExport(
          db,
          orgId,
          { types: [], outcomes: [], after: lastMonth },
          'ndjson',
          'last 30 days',
          n,
          log,
        ),
      );
      log('export: CSV of the whole trail…');
      exports.push(
        await measureExport(
          db,
          orgId,
          { types: [], outcomes: [] },
          'csv',
          'whole trail',
          size.events,
          log,
        ),
      );
    }

    const sizes = rowsOf<{ audit: string; total: string }>(
      await db.execute(sql`select
        pg_size_pretty((select sum(pg_total_relation_size(inhrelid)) from pg_inherits
          where inhparent = 'audit_events'::regclass)::bigint) as audit,
        pg_size_pretty(pg_database_size(current_database())) as total`),
    )[0]!;
    const report: ConsoleBenchReport = {
      machine: describeMachine(
        `PostgreSQL ${(await serverVersion(db)).split(' ')[0]}`,
        loadAtStart,
      ),
      size,
      seededIn: meta.seeded_in,
      database: { name, auditEventsSize: sizes.audit, totalSize: sizes.total },
      pages,
      facets,
      overview: { name: 'loadOverview', stat: overviewStat },
      exports,
    };
    console.log(formatConsoleReport(report));
    const file = saveReport('console', report);
    console.log(`\n(JSON in ${file}; the database ${name} is kept for --reuse: drop it with`);
    console.log(`  psql ${serverUrl} -c 'drop database "${name}"')`);
  } finally {
    await database.close();
  }
}

async function serverVersion(db: Db): Promise<string> {
  return rowsOf<{ server_version: string }>(await db.execute(sql`show server_version`))[0]!
    .server_version;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    // drizzle wraps the database's error (and its full statement) in `cause`: show that first.
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : null;
    console.error(
      `The benchmark broke: ${cause ? `${cause.message}\n` : ''}${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exit(1);
  },
);
