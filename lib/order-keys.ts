import { createHash } from 'node:crypto';
import { canonicalJson } from '@/lib/crypto/canonical-json';

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
