/**
 * JSON in one spelling (RFC 8785, JCS, for the values JSON.parse returns): object keys sorted by
 * UTF-16 code units, no whitespace, numbers and strings as JSON.stringify writes them. Leaves and
 * checkpoints are hashed in this form, so anyone can recompute a hash from an exported line.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
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
