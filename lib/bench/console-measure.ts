import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import type { AuditCursor } from '@/db/queries/audit-cursor';
import { distinctAuditValues } from '@/db/queries/audit-trail';
import { listAuditTrail } from '@/lib/audit/trail';
import { auditExportStream } from '@/lib/audit/export-stream';
import type { AuditFilter, ExportFormat } from '@/lib/audit/filter';
import { percentile } from './load';

export const PAGE_SIZE = 50;
export const DEEP_ROWS = 10_000;

export type Stat = { medianMs: number; p95Ms: number; runs: number };

/** Times `run` `repeats` times after one untimed warm-up: median and p95 (nearest rank). */
export async function timeRepeated(repeats: number, run: () => Promise<unknown>): Promise<Stat> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95), runs: repeats };
}

export type Scenario = { name: string; filter: Partial<AuditFilter> };

/** Values of the seeded data for the filters: a heavy and a light agent, a subject, an IP, … */
export async function pickScenarios(db: Db, now: Date, agents: number): Promise<Scenario[]> {
  const one = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query))[0]!;
  const heavy = await one<{ client_id: string }>(
    sql`select client_id from bench_agents where i = 1`,
  );
  const light = await one<{ client_id: string }>(
    sql`select client_id from bench_agents where i = ${Math.floor(agents / 2)}`,
  );
  const subject = await one<{ sub: string }>(sql`select sub from bench_subjects where i = 3`);
  const gateway = await one<{ id: string }>(sql`select id from sources where kind = 'gateway'`);
  const token = await one<{ token_ref: string }>(
    sql`select token_ref from audit_events where token_ref is not null
      and occurred_at < ${new Date(now.getTime() - 90 * 86_400_000).toISOString()}::timestamptz
      order by occurred_at desc limit 1`,
  );
  const ip = await one<{ ip: string }>(
    sql`select ip from audit_events where ip like '10.%' order by occurred_at desc limit 1`,
  );
  const day = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  return [
    { name: 'no filter', filter: {} },
    { name: 'type: tool.denied (4%)', filter: { types: ['tool.denied'] } },
    { name: 'type: token.reuse_detected (0.02%)', filter: { types: ['token.reuse_detected'] } },
    { name: 'type: two types', filter: { types: ['tool.denied', 'token.rejected'] } },
    { name: 'source: the gateway', filter: { sourceId: gateway.id } },
    { name: `agent: heaviest (${heavy.client_id})`, filter: { clientId: heavy.client_id } },
    { name: `agent: median (${light.client_id})`, filter: { clientId: light.client_id } },
    { name: 'subject (sub)', filter: { sub: subject.sub } },
    { name: 'resource', filter: { resource: 'https://mcp3.example.com/mcp' } },
    { name: 'tool: delete_item', filter: { tool: 'delete_item' } },
    { name: 'outcome: error', filter: { outcomes: ['error'] } },
    { name: 'outcome: rejected', filter: { outcomes: ['rejected'] } },
    { name: `ip (${ip.ip})`, filter: { ip: ip.ip } },
    { name: 'time: last 24 h', filter: { after: day(1) } },
    { name: 'time: one day, 6 months ago', filter: { after: day(183), before: day(182) } },
    { name: 'text: "search" (common word)', filter: { q: 'search' } },
    { name: 'text: "denied tool" (two words)', filter: { q: 'denied tool' } },
    { name: 'text: IP prefix "10.0.3"', filter: { q: '10.0.3' } },
    { name: 'text: subject prefix', filter: { q: subject.sub.slice(0, 8) } },
    { name: 'text: a token ref (rare)', filter: { q: token.token_ref } },
    { name: 'text: no match', filter: { q: 'zzqqxx' } },
  ];
}

export type PageResult = {
  name: string;
  firstPage: Stat;
  /** null when the filter matches fewer rows than the depth */
  deepPage: Stat | null;
  matchedAtLeast: number;
};

export async function measurePages(
  db: Db,
  orgId: string,
  scenarios: Scenario[],
  repeats: number,
  log: (line: string) => void,
): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const s of scenarios) {
    const filter: AuditFilter = { types: [], outcomes: [], ...s.filter };
    const page = (cursor: AuditCursor | null) =>
      listAuditTrail(db, orgId, filter, { cursor, limit: PAGE_SIZE });
    const firstPage = await timeRepeated(repeats, () => page(null));
    // The cursor 10,000 rows down, found once (untimed), as paging there would find it.
    const walk = await listAuditTrail(db, orgId, filter, { limit: DEEP_ROWS });
    const deepPage = walk.nextCursor
      ? await timeRepeated(repeats, () => page(walk.nextCursor))
      : null;
    log(
      `${s.name}: first ${firstPage.medianMs.toFixed(1)} ms, deep ${deepPage ? deepPage.medianMs.toFixed(1) : '—'} ms`,
    );
    results.push({ name: s.name, firstPage, deepPage, matchedAtLeast: walk.items.length });
  }
  return results;
}

export async function measureFacets(db: Db, orgId: string, repeats: number): Promise<Stat> {
  return timeRepeated(repeats, () =>
    Promise.all([
      distinctAuditValues(db, orgId, 'type'),
      distinctAuditValues(db, orgId, 'outcome'),
    ]),
  );
}

export type ExportResult = {
  format: ExportFormat;
  slice: string;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  rssStartMb: number;
  rssPeakMb: number;
  /** RSS when a tenth, half and all of the rows had streamed */
  rssAtMb: number[];
};

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Streams an export to nowhere, counting rows and bytes and sampling the process's RSS. */
/**
 * Line ends in a chunk, found natively: the console's quote-aware row counter runs in the
 * browser, and here would cost the measured process more than the export. The seeded events hold
 * no line breaks, so each record is one line; the total is checked against the expected count.
 */
function lineEnds(chunk: Uint8Array): number {
  const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let n = 0;
  for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) n++;
  return n;
}

export async function measureExport(
  db: Db,
  orgId: string,
  filter: AuditFilter,
  format: ExportFormat,
  slice: string,
  expectedRows: number,
  log: (line: string) => void,
): Promise<ExportResult> {
  globalThis.gc?.();
  const rssStart = process.memoryUsage().rss;
  let peak = rssStart;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  let rows = 0;
  const marks = [0.1, 0.5];
  const rssAt: number[] = [];
  let bytes = 0;
  let nextLog = 1_000_000;
  const started = performance.now();
  const reader = auditExportStream(db, orgId, filter, format).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    rows += lineEnds(value);
    if (marks.length && rows >= expectedRows * marks[0]!) {
      marks.shift();
      rssAt.push(mb(process.memoryUsage().rss));
    }
    if (rows >= nextLog) {
      log(`export ${format}: ${rows.toLocaleString('en')} rows…`);
      nextLog += 1_000_000;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (format === 'csv') rows -= 1; // the header
  if (rows !== expectedRows) {
    throw new Error(`the ${format} export of ${slice} gave ${rows} rows, not ${expectedRows}`);
  }
  rssAt.push(mb(process.memoryUsage().rss));
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    format,
    slice,
    rows,
    bytes,
    seconds,
    rowsPerSecond: rows / seconds,
    rssStartMb: mb(rssStart),
    rssPeakMb: mb(peak),
    rssAtMb: rssAt,
  };
}
