import {
  auditCategories,
  auditEventTypes,
  describeAuditType,
  type AuditCategory,
  type AuditTypeView,
} from './catalogue';

export type AuditTypeGroup = { category: AuditCategory | 'Other'; types: AuditTypeView[] };

/**
 * The audit page's type filter: every catalogued type, whether or not it happened yet, plus every
 * type present in the trail, grouped in the catalogue's order. Types the catalogue does not know
 * (sent by a source as extensions, or written by older code) come last, under "Other".
 */
export function auditTypeGroups(present: readonly string[]): AuditTypeGroup[] {
  const byCategory = new Map<string, AuditTypeView[]>();
  for (const type of new Set([...auditEventTypes, ...present])) {
    const view = describeAuditType(type);
    byCategory.set(view.category, [...(byCategory.get(view.category) ?? []), view]);
  }
  return [...auditCategories, 'Other' as const].flatMap((category) => {
    const types = byCategory.get(category);
    if (!types) return [];
    const key = (t: AuditTypeView) => (t.known ? t.label : t.type);
    return [{ category, types: types.sort((a, b) => key(a).localeCompare(key(b), 'en')) }];
  });
}

/** Outcomes as sources (tool.invoked: ok, error, denied) and the hub (denied, rejected, success) write them. */
export const knownOutcomes: readonly string[] = ['denied', 'error', 'ok', 'rejected', 'success'];

export function mergeNames(known: readonly string[], present: readonly string[]): string[] {
  return [...new Set([...known, ...present])].sort();
}
