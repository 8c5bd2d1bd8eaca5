/**
 * JSON in one spelling (RFC 8785, JCS, for the values the hub hashes): object keys sorted by UTF-16
 * code units at every depth, no whitespace, numbers and strings as JSON.stringify writes them,
 * members whose value is undefined left out, and a Date as its ISO string. Audit leaves and
 * checkpoints are hashed in this form, so anyone can recompute a hash from an exported line
 * (lib/audit/seal/verify-export.mjs spells it the same way in a few lines of its own); ingestion
 * orders ties by it, so every tie settles the same way in any arrival order.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
