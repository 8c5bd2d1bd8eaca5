import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so equal values always give equal strings. Replays order events of
 * the same time by it, which makes every tie settle the same way in any arrival order.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url');
}

/** Plain code-unit order, the same in every locale (unlike localeCompare). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares tuples of times, numbers and strings element by element. */
export function compareKeys(a: readonly (Date | number | string)[], b: typeof a): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    const d =
      x instanceof Date && y instanceof Date
        ? x.getTime() - y.getTime()
        : typeof x === 'number' && typeof y === 'number'
          ? x - y
          : compareText(String(x), String(y));
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length - b.length;
}
