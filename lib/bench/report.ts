import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Timing } from './load';

/** The goal: ingestion through HTTP at no less than half the raw insert rate. */
export const GOAL_RATIO = 0.5;

export type Machine = {
  database: string;
  node: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  platform: string;
  loadAverage: { start: number[]; end: number[] };
  date: string;
};

export type ScenarioResult = {
  scenario: string;
  eventsPerRequest: number;
  concurrency: number;
  http: Timing;
  /** drizzle multi-row INSERT … VALUES: the baseline, on which the goal is judged */
  raw: Timing;
  /** the same rows as one jsonb parameter (jsonb_to_recordset): a tighter reference */
  rawJson: Timing;
  /** HTTP events/s ÷ raw rows/s */
  ratio: number;
  /** HTTP events/s ÷ rawJson rows/s */
  ratioJson: number;
  goalMet: boolean;
  /** requests sent again after a connection failed (see createSender) */
  networkRetries: number;
};

export type BenchReport = {
  machine: Machine;
  scenarios: ScenarioResult[];
  /** what the connection failures behind any retries were */
  retryCauses: string[];
};

export function describeMachine(database: string, loadAtStart: number[]): Machine {
  const cpus = os.cpus();
  return {
    database,
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    date: new Date().toISOString(),
  };
}

export function scenarioResult(
  scenario: string,
  eventsPerRequest: number,
  concurrency: number,
  timings: { http: Timing; raw: Timing; rawJson: Timing },
  networkRetries: number,
): ScenarioResult {
  const { http, raw, rawJson } = timings;
  const ratio = http.perSecond / raw.perSecond;
  return {
    scenario,
    eventsPerRequest,
    concurrency,
    http,
    raw,
    rawJson,
    ratio,
    ratioJson: http.perSecond / rawJson.perSecond,
    goalMet: ratio >= GOAL_RATIO,
    networkRetries,
  };
}

const loads = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The human-readable report: a machine header and one row per scenario. */
export function formatReport(report: BenchReport): string {
  const m = report.machine;
  const header = [
    `Ingestion benchmark — ${m.date}`,
    `database: ${m.database} | node ${m.node} | ${m.cpu} × ${m.cores} cores | ${m.memoryGb} GiB | ${m.platform}`,
    `load average (1/5/15 min): ${loads(m.loadAverage.start)} at start, ${loads(m.loadAverage.end)} at end`,
    '',
  ];
  const columns = [
    'scenario',
    'events',
    'events/s',
    'p50 ms',
    'p99 ms',
    'raw insert rows/s',
    'ratio (HTTP ÷ raw)',
    `goal ≥ ${GOAL_RATIO * 100}%`,
  ];
  const rows = report.scenarios.map((s) => [
    `${s.scenario} (${s.concurrency} in flight)`,
    num(s.http.items),
    num(s.http.perSecond),
    num(s.http.p50Ms, 1),
    num(s.http.p99Ms, 1),
    num(s.raw.perSecond),
    `${num(s.ratio * 100, 1)}%`,
    s.goalMet ? 'met' : 'MISSED',
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join(' | ');
  const retries = report.scenarios
    .filter((s) => s.networkRetries > 0)
    .map((s) => `${s.scenario}: ${s.networkRetries}`);
  return [
    ...header,
    line(columns),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...rows.map(line),
    ...(retries.length
      ? [
          `requests retried after a connection failure: ${retries.join(', ')} (${report.retryCauses.join(', ')})`,
        ]
      : []),
    '',
    'HTTP: signed requests through the full path (signature, validation, projections, audit).',
    'raw: the same audit rows inserted into audit_events with drizzle, one INSERT per row (single)',
    'or one multi-row INSERT per batch, at the same concurrency, in the same database and run.',
    '',
    'Reference, not the goal: the same rows as one jsonb parameter (jsonb_to_recordset, how the hub',
    'writes batches) —',
    ...report.scenarios.map(
      (s) =>
        `  ${s.scenario}: ${num(s.rawJson.perSecond)} rows/s, HTTP at ${num(s.ratioJson * 100, 1)}% of it`,
    ),
  ].join('\n');
}

/** Writes a bench's report as `.data/bench/<name>-<time>.json` and answers the file's path. */
export function saveReport(name: string, report: { machine: Machine }): string {
  const file = path.join(
    '.data',
    'bench',
    `${name}-${report.machine.date.replace(/[:.]/g, '-')}.json`,
  );
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2));
  return file;
}
