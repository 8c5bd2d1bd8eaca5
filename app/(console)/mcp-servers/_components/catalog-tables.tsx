'use client';

import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import type { Paging } from '@/components/data-table/pager';
import { ClearFilters, SearchBox, TableToolbar } from '@/components/data-table/toolbar';
import { Badge } from '@/components/ui/badge';
import { Clip } from '@/components/ui/table';
import type { ScopeSummary, ToolSummary } from '@/lib/mcp-servers/views';
import type { SortState } from '@/lib/tables/table-params';
import { formatCount, formatDateTime, timeAgo } from '@/lib/format';

const SCOPES_SHOWN = 4;

type TableProps<T> = { rows: T[]; sort: SortState; paging: Paging; q: string };

/** The server's tools, each with the scopes it needs in plain language and who can call it. */
export function ToolsTable({ rows, sort, paging, q }: TableProps<ToolSummary>) {
  const columns = useMemo<DataColumn<ToolSummary>[]>(
    () => [
      {
        id: 'name',
        accessorFn: (r) => r.name,
        header: 'Tool',
        meta: { className: 'w-64' },
        cell: ({ row }) => (
          <div className="min-w-0">
            <Clip value={row.original.name} mono className="text-sm text-fg" />
            {row.original.description ? (
              <p className="line-clamp-2 text-xs text-fg-muted" title={row.original.description}>
                {row.original.description}
              </p>
            ) : null}
          </div>
        ),
      },
      {
        id: 'scopes',
        header: 'Scopes it needs',
        enableSorting: false,
        cell: ({ row }) => {
          const scopes = row.original.requiredScopes;
          if (!scopes.length) return <span className="text-fg-muted">None</span>;
          return (
            <ul className="space-y-1">
              {scopes.slice(0, SCOPES_SHOWN).map((s) => (
                <li key={s.scope} className="flex min-w-0 items-baseline gap-2 text-xs">
                  <Badge className="font-mono">{s.scope}</Badge>
                  <span className="min-w-0 truncate text-fg-muted" title={s.description ?? ''}>
                    {s.description ?? 'No description published'}
                  </span>
                </li>
              ))}
              {scopes.length > SCOPES_SHOWN ? (
                <li
                  className="text-xs text-fg-muted"
                  title={scopes
                    .slice(SCOPES_SHOWN)
                    .map((s) => s.scope)
                    .join(' ')}
                >
                  and {scopes.length - SCOPES_SHOWN} more
                </li>
              ) : null}
            </ul>
          );
        },
      },
      {
        id: 'agents',
        accessorFn: (r) => r.agents,
        header: 'Agents that can call it',
        meta: { className: 'w-32' },
        cell: ({ row }) => <span className="tabular-nums">{row.original.agents}</span>,
      },
      {
        id: 'calls',
        accessorFn: (r) => r.calls,
        header: 'Calls',
        meta: { className: 'w-24' },
        cell: ({ row }) => <span className="tabular-nums">{formatCount(row.original.calls)}</span>,
      },
      {
        id: 'last_used',
        accessorFn: (r) => r.lastUsedAt,
        header: 'Last call',
        meta: { className: 'w-32' },
        cell: ({ row }) => {
          const at = row.original.lastUsedAt;
          return at ? (
            <time dateTime={at.toISOString()} title={formatDateTime(at)} className="text-fg-muted">
              {timeAgo(at)}
            </time>
          ) : (
            <span className="text-fg-muted">Never</span>
          );
        },
      },
    ],
    [],
  );
  return (
    <DataTable
      label="Tools of this MCP server"
      columns={columns}
      data={rows}
      sort={sort}
      visibleColumns={null}
      paging={paging}
      getRowId={(r) => r.name}
      empty={q ? `No tool matches “${q}”.` : 'This server has not published any tools.'}
      toolbar={
        <TableToolbar>
          <SearchBox placeholder="Search tools, descriptions, scopes" value={q} />
          <ClearFilters params={['q']} />
        </TableToolbar>
      }
    />
  );
}

/** The scopes of the server as end users read them, with the tools that need each. */
export function ScopesTable({ rows, sort, paging, q }: TableProps<ScopeSummary>) {
  const columns = useMemo<DataColumn<ScopeSummary>[]>(
    () => [
      {
        id: 'scope',
        accessorFn: (r) => r.scope,
        header: 'Scope',
        meta: { className: 'w-56' },
        cell: ({ row }) => <Clip value={row.original.scope} mono className="text-sm text-fg" />,
      },
      {
        id: 'description',
        header: 'What end users read',
        enableSorting: false,
        cell: ({ row }) =>
          row.original.description ? (
            <span className="break-words">{row.original.description}</span>
          ) : (
            <span className="text-fg-muted">No description published</span>
          ),
      },
      {
        id: 'tools',
        accessorFn: (r) => r.tools.length,
        header: 'Tools that need it',
        meta: { className: 'w-64' },
        cell: ({ row }) => {
          const tools = row.original.tools;
          if (!tools.length) return <span className="text-fg-muted">None</span>;
          const shown = tools.slice(0, 3).join(', ');
          return (
            <span className="block truncate font-mono text-xs" title={tools.join(', ')}>
              {shown}
              {tools.length > 3 ? ` +${tools.length - 3} more` : ''}
            </span>
          );
        },
      },
    ],
    [],
  );
  return (
    <DataTable
      label="Scopes of this MCP server"
      columns={columns}
      data={rows}
      sort={sort}
      visibleColumns={null}
      paging={paging}
      getRowId={(r) => r.scope}
      empty={q ? `No scope matches “${q}”.` : 'This server has not published any scopes.'}
      toolbar={
        <TableToolbar>
          <SearchBox placeholder="Search scopes and descriptions" value={q} />
          <ClearFilters params={['q']} />
        </TableToolbar>
      }
    />
  );
}
