/**
 * The management API's filters (`?client_id=&sub=&active=`) also work on the console's consents
 * and tokens pages, so a link built from an API call opens the same list. Bad values are dropped
 * rather than refused, like every other table parameter.
 */
export type ApiStyleFilters = { clientId?: string; sub?: string; active?: boolean };

export const apiFilterParams = ['client_id', 'sub', 'active'] as const;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function readApiFilters(
  raw: Record<string, string | string[] | undefined>,
): ApiStyleFilters {
  const clientId = first(raw.client_id)?.trim().slice(0, 2048);
  const sub = first(raw.sub)?.trim().slice(0, 1024);
  const active = first(raw.active);
  return {
    ...(clientId ? { clientId } : {}),
    ...(sub ? { sub } : {}),
    ...(active === 'true' || active === 'false' ? { active: active === 'true' } : {}),
  };
}

/** The chips for the API-style filters a consents or tokens page was opened with. */
export function apiFilterChips(filters: ApiStyleFilters) {
  const chips: { param: string; label: string; value: string }[] = [];
  if (filters.clientId)
    chips.push({ param: 'client_id', label: 'Client ID', value: filters.clientId });
  if (filters.sub) chips.push({ param: 'sub', label: 'User', value: filters.sub });
  if (filters.active !== undefined) {
    chips.push({ param: 'active', label: 'Active', value: filters.active ? 'yes' : 'no' });
  }
  return chips;
}
