import type { RawAnswer, RawRequest } from './http';

/** What is wrong with an answer to a request that must be refused, or null when it is right. */
export function refusalProblem(answer: RawAnswer): string | null {
  if (answer.status < 400 || answer.status > 499) return `status ${answer.status}`;
  const type = answer.headers['content-type'] ?? '';
  if (!type.startsWith('application/problem+json')) return `content-type "${type}"`;
  let body: { status?: unknown; title?: unknown };
  try {
    body = JSON.parse(answer.body.toString('utf8')) as typeof body;
  } catch {
    return 'a body that is not JSON';
  }
  if (body.status !== answer.status || typeof body.title !== 'string')
    return `a problem document without its status or title: ${answer.body.toString().slice(0, 200)}`;
  if (answer.status === 429 && !/^\d+$/.test(answer.headers['retry-after'] ?? ''))
    return '429 without Retry-After';
  return null;
}

/** Tallies answers per family and status, and keeps a few examples of each kind of failure. */
export class FuzzTally {
  readonly statuses = new Map<number, number>();
  readonly families = new Map<string, number>();
  readonly failures = new Map<string, { count: number; examples: string[] }>();
  cases = 0;

  /** `status`: the one status that is right for this case, when the family knows it. */
  record(family: string, request: RawRequest, answer: RawAnswer | Error, status?: number) {
    this.cases++;
    this.families.set(family, (this.families.get(family) ?? 0) + 1);
    const problem =
      answer instanceof Error
        ? `no answer (${answer.message})`
        : status !== undefined && answer.status !== status
          ? `status ${answer.status}, not ${status}`
          : refusalProblem(answer);
    if (!(answer instanceof Error))
      this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    if (!problem) return;
    const key = `${family}: ${problem.replace(/:.*/s, '')}`;
    const entry = this.failures.get(key) ?? { count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 3) {
      const body = answer instanceof Error ? '' : answer.body.toString('utf8').slice(0, 300);
      entry.examples.push(
        `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 300)} body=${(request.body ?? Buffer.alloc(0)).toString('utf8').slice(0, 200)} → ${problem} ${body}`,
      );
    }
    this.failures.set(key, entry);
  }

  summary(): string {
    const sorted = (m: Map<string | number, number>) =>
      [...m.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    return [
      `cases: ${this.cases}`,
      `statuses: ${sorted(this.statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}`,
      `families: ${sorted(this.families)
        .map(([f, n]) => `${f}×${n}`)
        .join(', ')}`,
    ].join('\n');
  }

  failureReport(): string {
    return [...this.failures.entries()]
      .map(([key, { count, examples }]) => `${key} (${count})\n  ${examples.join('\n  ')}`)
      .join('\n');
  }
}
