'use client';

import {
  columnVisibilityFeature,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
} from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import type { SortState } from '@/lib/tables/table-params';
import { cn } from '@/lib/utils';
import { Card } from '@/components/ui/card';
import { Pager, type Paging } from './pager';
import { useUrlState } from './url-state';

export type DataColumnMeta = {
  /** classes for the column's header and cells, e.g. a width: 'w-32' */
  className?: string;
  /** the column menu's name for a column whose header is not plain text */
  label?: string;
  /** hidden unless chosen in the column menu */
  hiddenByDefault?: boolean;
};

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  rowPaginationFeature,
  columnMeta: {} as DataColumnMeta,
});

export type DataColumn<T extends RowData> = ColumnDef<typeof dataTableFeatures, T>;

/**
 * A console table driven by the server: the rows are one page the server already sorted and
 * filtered; sorting, paging and the columns shown are links that change the URL, so the server
 * answers each view and the browser never holds more than a page.
 */
export function DataTable<T extends RowData>({
  label,
  columns,
  data,
  sort,
  visibleColumns,
  paging,
  getRowId,
  empty,
  minWidth = '56rem',
  toolbar,
}: {
  /** what the table lists, for screen readers */
  label: string;
  columns: DataColumn<T>[];
  data: T[];
  sort: SortState;
  /** the `cols` URL parameter; null = every column not hidden by default */
  visibleColumns: string[] | null;
  paging: Paging;
  getRowId: (row: T) => string;
  /** shown instead of rows when the filter matches nothing */
  empty: ReactNode;
  minWidth?: string;
  toolbar?: ReactNode;
}) {
  const { hrefWith, pending } = useUrlState();
  const columnVisibility = useMemo(
    () => visibilityOf(columns, visibleColumns),
    [columns, visibleColumns],
  );
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => getRowId(row),
    manualSorting: true,
    manualPagination: true,
    rowCount: paging.kind === 'offset' ? paging.total : undefined,
    state: {
      sorting: [sort],
      columnVisibility,
      pagination: {
        pageIndex: paging.kind === 'offset' ? paging.page - 1 : 0,
        pageSize: paging.size,
      },
    },
  });

  return (
    <div className="space-y-3">
      {toolbar}
      <Card className="overflow-hidden">
        <div className={cn('overflow-x-auto transition-opacity', pending && 'opacity-60')}>
          <table
            className="w-full table-fixed text-left text-sm"
            style={{ minWidth }}
            aria-busy={pending}
          >
            <caption className="sr-only">{label}</caption>
            <thead className="border-b border-border bg-surface-muted text-xs font-medium text-fg-muted">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const column = header.column;
                    const sorted = sort.id === column.id ? (sort.desc ? 'desc' : 'asc') : false;
                    const canSort = column.getCanSort();
                    const title = <table.FlexRender header={header} />;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className={cn('px-4 py-2.5', column.columnDef.meta?.className)}
                        aria-sort={
                          sorted === 'asc'
                            ? 'ascending'
                            : sorted === 'desc'
                              ? 'descending'
                              : undefined
                        }
                      >
                        {canSort ? (
                          <Link
                            href={hrefWith({
                              sort: `${column.id}.${sorted === 'desc' ? 'asc' : 'desc'}`,
                            })}
                            scroll={false}
                            replace
                            className="-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-fg"
                          >
                            {title}
                            {sorted === 'asc' ? (
                              <ArrowUp className="size-3.5" aria-hidden />
                            ) : sorted === 'desc' ? (
                              <ArrowDown className="size-3.5" aria-hidden />
                            ) : (
                              <ArrowUpDown className="size-3.5 opacity-40" aria-hidden />
                            )}
                          </Link>
                        ) : (
                          title
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-border">
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id} className="hover:bg-surface-muted/60">
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={cn('px-4 py-3 align-top', cell.column.columnDef.meta?.className)}
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {data.length === 0 ? <div className="px-4 py-10 text-center text-sm">{empty}</div> : null}
        </div>
        <div className="border-t border-border px-4 py-2.5">
          <Pager paging={paging} shown={data.length} />
        </div>
      </Card>
    </div>
  );
}

/** The visibility state for `cols`: chosen ids, or every column not hidden by default. */
export function visibilityOf<T extends RowData>(
  columns: DataColumn<T>[],
  chosen: string[] | null,
): Record<string, boolean> {
  const visibility: Record<string, boolean> = {};
  for (const column of columns) {
    const id = columnId(column);
    if (!id) continue;
    visibility[id] = chosen ? chosen.includes(id) : !column.meta?.hiddenByDefault;
  }
  return visibility;
}

export function columnId<T extends RowData>(column: DataColumn<T>): string | undefined {
  if (column.id) return column.id;
  if ('accessorKey' in column && typeof column.accessorKey === 'string') return column.accessorKey;
  return undefined;
}
