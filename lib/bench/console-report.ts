import type { ExportResult, PageResult, Stat } from './console-measure';
import type { Machine } from './report';
import type { SeedSize } from './console-seed';

/** The goals for the console's queries. */
export const goals = { pageMs: 50, overviewMs: 300, exportRowsPerSecond: 50_000 };

export type ConsoleBenchReport = {
  machine: Machine;
  size: SeedSize;
  seededIn: string;
  database: { name: string; auditEventsSize: string; totalSize: string };
  pages: PageResult[];
  facets: Stat;
  overview: { name: string; stat: Stat };
  exports: ExportResult[];
};

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (s: Stat | null) => (s ? `${num(s.medianMs, 1)} / ${num(s.p95Ms, 1)}` : '—');
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

function table(columns: string[], rows: string[][]): string[] {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join(' | ');
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)];
}

/** Goals are judged on the median; p95 is shown beside it. */
export function formatConsoleReport(r: ConsoleBenchReport): string {
  const m = r.machine;
  const pageGoal = goals.pageMs;
  const pageRows = r.pages.map((p) => {
    const worst = Math.max(p.firstPage.medianMs, p.deepPage?.medianMs ?? 0);
    return [
      p.name,
      ms(p.firstPage),
      p.deepPage ? ms(p.deepPage) : `— (${num(p.matchedAtLeast)} rows)`,
      `< ${pageGoal}`,
      `${num(worst / pageGoal, 2)}×`,
      verdict(worst < pageGoal),
    ];
  });
  pageRows.push([
    'type + outcome facets (skip scan)',
    ms(r.facets),
    '',
    `< ${pageGoal}`,
    `${num(r.facets.medianMs / pageGoal, 2)}×`,
    verdict(r.facets.medianMs < pageGoal),
  ]);
  const o = r.overview.stat;
  const exportRows = r.exports.map((e) => [
    `${e.format.toUpperCase()}, ${e.slice}`,
    num(e.rows),
    `${num(e.bytes / 2 ** 20, 0)} MiB`,
    num(e.seconds, 1),
    num(e.rowsPerSecond),
    `≥ ${num(goals.exportRowsPerSecond)}`,
    `${num(e.rowsPerSecond / goals.exportRowsPerSecond, 2)}×`,
    `${num(e.rssStartMb)} → ${e.rssAtMb.map((v) => num(v)).join(' → ')} (peak ${num(e.rssPeakMb)})`,
    verdict(e.rowsPerSecond >= goals.exportRowsPerSecond),
  ]);
  return [
    `Console benchmark — ${m.date}`,
    `database: ${m.database} (${r.database.name}: audit_events ${r.database.auditEventsSize}, all ${r.database.totalSize}) | node ${m.node} | ${m.cpu} × ${m.cores} cores | ${m.memoryGb} GiB`,
    `load average (1/5/15 min): ${m.loadAverage.start.map((v) => v.toFixed(2)).join(' ')} at start, ${m.loadAverage.end.map((v) => v.toFixed(2)).join(' ')} at end`,
    `data: ${num(r.size.events)} audit events over 12 months, ${num(r.size.agents)} agents, ${num(r.size.subjects)} subjects, ${num(r.size.consents)} consents, ${num(r.size.tokens)} tokens (seeded ${r.seededIn})`,
    '',
    `Audit page queries (listAuditTrail, ${50} rows; ms median / p95 over ${r.pages[0]?.firstPage.runs ?? 0} runs)`,
    ...table(
      ['query', 'first page', `page ${num(10_000)} rows deep`, 'goal ms', 'ratio', 'goal'],
      pageRows,
    ),
    '',
    `Overview (${r.overview.name}): ${ms(o)} ms median / p95, goal < ${goals.overviewMs} ms: ${num(o.medianMs / goals.overviewMs, 2)}× ${verdict(o.medianMs < goals.overviewMs)}`,
    '',
    'Export (auditExportStream, keyset batches of 5,000 rows, read to the end and discarded)',
    ...table(
      [
        'export',
        'rows',
        'size',
        's',
        'rows/s',
        'goal',
        'ratio',
        'RSS MiB start → 10% → 50% → end',
        'goal',
      ],
      exportRows,
    ),
  ].join('\n');
}
