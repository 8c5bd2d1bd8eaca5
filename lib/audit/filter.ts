import { z } from 'zod';
import { listParams } from '@/lib/api/list';
import type { AuditFilter } from '@/db/queries/audit-trail';
import { isUuid } from '@/db/queries/ids';

/**
 * The audit trail's filter, one vocabulary for the API (`GET /api/v1/audit-events`, its export)
 * and the console page, whose URL carries the same parameters so a view can be shared and
 * exported as it is. Filters take the outside identifiers (client_id, sub), as the API does.
 */

// RFC 3339 date-time: a date, T (or t, or a space), a time with optional fraction, and a zone.
const RFC3339 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const dateTime = z
  .string()
  .refine(
    (v) => RFC3339.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T'))),
    'must be an RFC 3339 date-time, e.g. 2026-11-22T14:05:00Z',
  );

const LIST_SEPARATOR = ',';

/** A comma-separated list of names (event types, outcomes). */
const nameList = (what: string) =>
  z
    .string()
    .max(2000)
    .refine(
      (v) => splitList(v).every((item) => /^[\w.:/-]{1,200}$/.test(item)),
      `must be one ${what} or several separated by commas`,
    );

const text = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const auditFilterShape = {
  after: dateTime.optional().describe('only events that occurred at or after this time (RFC 3339)'),
  before: dateTime.optional().describe('only events that occurred before this time (RFC 3339)'),
  type: nameList('event type')
    .optional()
    .describe('event type, e.g. tool.denied; several separated by commas'),
  source_id: z
    .string()
    .refine(isUuid, 'must be the id of a source')
    .optional()
    .describe('only events sent by this source (the hub’s id of the source)'),
  client_id: text(500).optional().describe('only events of agents with this OAuth client_id'),
  sub: text(500).optional().describe('only events about this subject (the user’s `sub`)'),
  resource: text(2000).optional().describe('only events on this resource (MCP server URL)'),
  tool: text(500).optional().describe('only events of this tool'),
  outcome: nameList('outcome')
    .optional()
    .describe('outcome, e.g. ok, error, denied, rejected; several separated by commas'),
  ip: text(100).optional().describe('only events from this IP address'),
  q: z
    .string()
    .max(200, 'must be at most 200 characters')
    .optional()
    .describe(
      'free text: every word must start a word or an identifier of the event (summary, agent, subject, tool, token, IP, reason)',
    ),
};

type FilterInput = { after?: string; before?: string };

function checkRange(value: FilterInput, ctx: z.RefinementCtx) {
  const after = normalizeTime(value.after);
  const before = normalizeTime(value.before);
  if (after && before && Date.parse(after) > Date.parse(before)) {
    ctx.addIssue({ code: 'custom', path: ['after'], message: 'must not be later than before' });
  }
}

/** The filter parameters alone (for the OpenAPI document and the console page). */
export const auditFilterQuery = z.object(auditFilterShape).superRefine(checkRange);

/** `GET /api/v1/audit-events`: the filter, `limit` and `cursor`. */
export const auditListQuery = z
  .object({ ...auditFilterShape, ...listParams })
  .superRefine(checkRange);

export const exportFormats = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** `GET /api/v1/audit-events/export`: the filter and the format. */
export const auditExportQuery = z
  .object({
    ...auditFilterShape,
    format: z
      .enum(exportFormats, { message: 'must be csv or ndjson' })
      .default('csv')
      .describe('csv (with a header row) or ndjson (one event per line)'),
  })
  .superRefine(checkRange);

export type AuditFilterParams = z.infer<typeof auditFilterQuery>;
export const auditFilterKeys = Object.keys(auditFilterShape) as (keyof AuditFilterParams)[];

/** The filter as the queries take it. */
export type { AuditFilter };

export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(LIST_SEPARATOR)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

/** RFC 3339 allows `t`, `z` and a space; PostgreSQL and Date.parse both read the usual form. */
function normalizeTime(value: string | undefined): string | undefined {
  return value?.replace(/^(.{10})[t ]/, '$1T').replace(/z$/, 'Z');
}

export function toAuditFilter(params: AuditFilterParams): AuditFilter {
  const q = params.q?.trim();
  return {
    after: normalizeTime(params.after),
    before: normalizeTime(params.before),
    types: splitList(params.type),
    sourceId: params.source_id?.toLowerCase(),
    clientId: params.client_id,
    sub: params.sub,
    resource: params.resource,
    tool: params.tool,
    outcomes: splitList(params.outcome),
    ip: params.ip,
    q: q || undefined,
  };
}

/** The filter as URL parameters again: for links, the export URL and the audit record. */
export function auditFilterToParams(filter: AuditFilter): Record<string, string> {
  const out: Record<string, string | undefined> = {
    after: filter.after,
    before: filter.before,
    type: filter.types.join(LIST_SEPARATOR) || undefined,
    source_id: filter.sourceId,
    client_id: filter.clientId,
    sub: filter.sub,
    resource: filter.resource,
    tool: filter.tool,
    outcome: filter.outcomes.join(LIST_SEPARATOR) || undefined,
    ip: filter.ip,
    q: filter.q,
  };
  return Object.fromEntries(
    Object.entries(out).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

export function isEmptyFilter(filter: AuditFilter): boolean {
  return Object.keys(auditFilterToParams(filter)).length === 0;
}

export type FilterProblem = { param: string; message: string };

/**
 * The console page's reading of its URL: never throws. Parameters that do not pass are left out
 * and named, so a hand-edited link still shows the rest of its filter and says what was ignored.
 */
export function readAuditFilter(raw: Record<string, string | string[] | undefined>): {
  filter: AuditFilter;
  problems: FilterProblem[];
} {
  const values: Record<string, string> = {};
  for (const key of auditFilterKeys) {
    const value = raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== '') values[key] = first;
  }
  const problems: FilterProblem[] = [];
  for (let attempt = 0; attempt <= auditFilterKeys.length; attempt++) {
    const parsed = auditFilterQuery.safeParse(values);
    if (parsed.success) return { filter: toAuditFilter(parsed.data), problems };
    for (const issue of parsed.error.issues) {
      const param = String(issue.path[0] ?? '');
      if (!(param in values)) continue;
      problems.push({ param, message: issue.message });
      delete values[param];
    }
  }
  return { filter: toAuditFilter({}), problems };
}
