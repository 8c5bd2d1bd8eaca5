import { percentile } from './load';
import type { Machine } from './report';

/** The issue's goal: an entry reaches servers within a second of the revocation. */
export const GOAL_MS = 1000;

export type Latency = {
  path: string;
  samples: number;
  missed: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
};

export type RevocationBenchReport = {
  machine: Machine;
  revocations: number;
  subscribers: number;
  fanOutEntries: number;
  probeEveryMs: number;
  rows: Latency[];
  fanOut: Latency;
  /** per fan-out entry: how long until the last of the subscribers had it */
  fanOutLastMs: number[];
  /** medians, per revocation, of where the time goes */
  breakdown: {
    /** an authenticated GET of the feed that finds nothing: the fixed cost of any API call */
    baselineGetMs: number;
    /** how much earlier the SSE subscriber has the entry than the revoke call's answer arrives */
    sseBeforeAnswerMs: number;
    pushAfterSseMs: number;
    mcpAfterSseMs: number;
  };
};

export function latency(path: string, values: number[], missed = 0): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    path,
    samples: sorted.length,
    missed,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
  };
}

const loads = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
const ms = (n: number) => n.toFixed(1);

/** The human-readable report: machine, then latency per path against the 1 s goal. */
export function formatRevocationReport(r: RevocationBenchReport): string {
  const m = r.machine;
  const columns = [
    'from the revoke API call to…',
    'n',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'p99 ÷ 1 s',
    'goal',
  ];
  const rows = [...r.rows, r.fanOut].map((l) => [
    l.path,
    `${l.samples}${l.missed ? ` (+${l.missed} missed)` : ''}`,
    ms(l.p50Ms),
    ms(l.p95Ms),
    ms(l.p99Ms),
    ms(l.maxMs),
    `${((l.p99Ms / GOAL_MS) * 100).toFixed(1)}%`,
    l.missed === 0 && l.p99Ms <= GOAL_MS ? 'met' : 'MISSED',
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  return [
    `Revocation delivery benchmark — ${m.date}`,
    `database: ${m.database} | node ${m.node} | ${m.cpu} × ${m.cores} cores | ${m.memoryGb} GiB | ${m.platform}`,
    `load average (1/5/15 min): ${loads(m.loadAverage.start)} at start, ${loads(m.loadAverage.end)} at end`,
    '',
    line(columns),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...rows.map(line),
    '',
    `${r.revocations} token revocations one after another, each by POST /api/v1/tokens/{id}/revoke with an admin API token;`,
    'times run from just before that call. SSE: one subscriber on /api/v1/revocations/stream. Push: the',
    'signed revocation.created POST reaching a local webhook. MCP: a real SDK server with lib/mcp-kit',
    `answering 401 to the revoked token (probed every ${r.probeEveryMs} ms, so up to that much later than the refusal).`,
    `Fan-out: ${r.subscribers} SSE subscribers on the one hub process, ${r.fanOutEntries} entries, one sample per subscriber and entry;`,
    `the last subscriber had each entry after ${r.fanOutLastMs.map(ms).join(', ')} ms.`,
    '',
    'Where the time goes (medians per revocation):',
    `  an authenticated GET that reads nothing (Next, API-token check, one query): ${ms(r.breakdown.baselineGetMs)} ms`,
    `  the SSE subscriber has the entry ${ms(r.breakdown.sseBeforeAnswerMs)} ms before the revoke call's answer arrives`,
    `  the push arrives ${ms(r.breakdown.pushAfterSseMs)} ms after the SSE event; the MCP server refuses ${ms(r.breakdown.mcpAfterSseMs)} ms after it`,
  ].join('\n');
}
