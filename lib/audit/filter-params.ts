/** The URL parameters of the audit filter; safe to import in the browser (no zod, no server code). */
export const auditFilterParamNames = [
  'after',
  'before',
  'type',
  'source_id',
  'client_id',
  'sub',
  'resource',
  'tool',
  'outcome',
  'ip',
  'q',
] as const;

export type AuditFilterParamName = (typeof auditFilterParamNames)[number];

/** Quick time ranges: `after` this long before now. */
export const timePresets = [
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '24h', label: '24 h', ms: 86_400_000 },
  { id: '7d', label: '7 d', ms: 7 * 86_400_000 },
  { id: '30d', label: '30 d', ms: 30 * 86_400_000 },
] as const;
