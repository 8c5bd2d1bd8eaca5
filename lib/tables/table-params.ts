/**
 * The state of a console table as it lives in the URL, so a view can be shared and reloaded:
 *
 *   ?q=text&sort=last_seen.desc&page=2&size=50&cols=name,status&status=pending,verified
 *
 * Parsing never throws: an unknown sort column, a page past the end or a bad size fall back to the
 * table's defaults, so a hand-edited link still opens a page.
 */

export type SortState = { id: string; desc: boolean };

export type TableParams<F extends string = string> = {
  q: string;
  sort: SortState;
  page: number;
  size: number;
  /** the columns chosen in the column menu; null = the table's defaults */
  cols: string[] | null;
  /** multi-valued facet filters, e.g. { status: ['pending', 'verified'] } */
  facets: Record<F, string[]>;
  /** keyset tables: the opaque cursor of the page shown */
  cursor: string | null;
};

export type TableSpec<F extends string> = {
  sortable: readonly string[];
  defaultSort: SortState;
  facets: Record<F, readonly string[] | 'free'>;
  defaultSize?: number;
};

export const pageSizes = [25, 50, 100] as const;

type RawParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The values of a comma-separated facet, kept only when the facet allows them. */
function facetValues(raw: string | undefined, allowed: readonly string[] | 'free'): string[] {
  if (!raw) return [];
  const values = [
    ...new Set(
      raw
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  const kept = allowed === 'free' ? values : values.filter((v) => allowed.includes(v));
  return kept.slice(0, 50).map((v) => v.slice(0, 500));
}

export function parseTableParams<F extends string>(
  raw: RawParams,
  spec: TableSpec<F>,
): TableParams<F> {
  const sortRaw = first(raw.sort) ?? '';
  const [sortId, direction] = sortRaw.split('.');
  const sort: SortState =
    sortId && spec.sortable.includes(sortId) && (direction === 'asc' || direction === 'desc')
      ? { id: sortId, desc: direction === 'desc' }
      : spec.defaultSort;
  const page = Number(first(raw.page));
  const size = Number(first(raw.size));
  const cols = first(raw.cols);
  const facets = {} as Record<F, string[]>;
  for (const key of Object.keys(spec.facets) as F[]) {
    facets[key] = facetValues(first(raw[key]), spec.facets[key]);
  }
  return {
    q: (first(raw.q) ?? '').trim().slice(0, 200),
    sort,
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    size: (pageSizes as readonly number[]).includes(size) ? size : (spec.defaultSize ?? 25),
    cols: cols ? cols.split(',').filter(Boolean).slice(0, 40) : null,
    facets,
    cursor: first(raw.cursor) ?? null,
  };
}

/** Rows to skip for an offset-paged table. */
export function offsetOf(params: Pick<TableParams, 'page' | 'size'>): number {
  return (params.page - 1) * params.size;
}

/** One page of rows already held in memory, and how many there are in all. */
export function pageOfRows<T>(rows: T[], params: Pick<TableParams, 'page' | 'size'>) {
  const start = offsetOf(params);
  return { rows: rows.slice(start, start + params.size), total: rows.length };
}
