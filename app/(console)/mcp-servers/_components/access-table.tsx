'use client';

import { ChevronLeft, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataColumn } from '@/components/data-table/data-table';
import type { Paging } from '@/components/data-table/pager';
import { ClearFilters, SearchBox, TableToolbar } from '@/components/data-table/toolbar';
import { useUrlState } from '@/components/data-table/url-state';
import { VerificationBadge } from '@/components/ui/status-badges';
import { Clip } from '@/components/ui/table';
import type { VerificationStatus } from '@/lib/constants';
import type { AccessCell } from '@/lib/mcp-servers/access';
import type { SortState } from '@/lib/tables/table-params';
import { formatCount, formatDateTime, timeAgo } from '@/lib/format';
import { AccessMark } from './access-mark';

export type AccessTableRow = {
  id: string;
  name: string;
  clientId: string;
  status: string;
  callable: number;
  calls: number;
  lastUsedAt: Date | null;
  cells: Record<string, AccessCell>;
};

export type ToolChunk = { index: number; chunks: number; from: number; total: number };

/** "Tools 9–16 of 40" with links to the neighbouring columns: never a 200-column table. */
function ToolChunkNav({ chunk, shown }: { chunk: ToolChunk; shown: number }) {
  const { hrefWith } = useUrlState();
  if (chunk.chunks <= 1) return null;
  const link = (index: number, label: string, icon: React.ReactNode) => (
    <Link
      href={hrefWith({ tools: index ? String(index) : null }, { keepPage: true })}
      replace
      scroll={false}
      className="inline-flex h-9 items-center gap-1 rounded-md border border-border bg-surface px-2.5 text-sm text-fg shadow-sm hover:bg-surface-muted"
    >
      {icon}
      {label}
    </Link>
  );
  return (
    <div className="ml-auto flex items-center gap-2 text-sm text-fg-muted">
      <span>
        Tools {chunk.from}–{chunk.from + shown - 1} of {chunk.total}
      </span>
      {chunk.index > 0
        ? link(chunk.index - 1, 'Previous tools', <ChevronLeft className="size-4" aria-hidden />)
        : null}
      {chunk.index < chunk.chunks - 1
        ? link(chunk.index + 1, 'Next tools', <ChevronRight className="size-4" aria-hidden />)
        : null}
    </div>
  );
}

export function AccessTable({
  rows,
  tools,
  chunk,
  sort,
  paging,
  q,
}: {
  rows: AccessTableRow[];
  /** the tool columns shown now */
  tools: { name: string; requiredScopes: string[] }[];
  chunk: ToolChunk;
  sort: SortState;
  paging: Paging;
  q: string;
}) {
  const columns = useMemo<DataColumn<AccessTableRow>[]>(
    () => [
      {
        id: 'agent',
        accessorFn: (r) => r.name,
        header: 'Agent',
        meta: { className: 'w-56' },
        cell: ({ row }) => (
          <div className="min-w-0">
            <Link
              href={`/agents/${row.original.id}`}
              className="block truncate font-medium text-fg hover:underline"
              title={row.original.name}
            >
              {row.original.name}
            </Link>
            <Clip value={row.original.clientId} mono className="text-fg-muted" />
            <span className="mt-1 inline-block">
              <VerificationBadge status={row.original.status as VerificationStatus} />
            </span>
          </div>
        ),
      },
      {
        id: 'callable',
        accessorFn: (r) => r.callable,
        header: 'Can call',
        meta: { className: 'w-24' },
        cell: ({ row }) => (
          <span className="tabular-nums">
            {row.original.callable} <span className="text-fg-muted">of {chunk.total}</span>
          </span>
        ),
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
      ...tools.map<DataColumn<AccessTableRow>>((tool) => ({
        id: `tool:${tool.name}`,
        enableSorting: false,
        header: () => (
          <span
            className="block truncate font-mono"
            title={`${tool.name} needs ${tool.requiredScopes.join(' ') || 'no scope'}`}
          >
            {tool.name}
          </span>
        ),
        meta: { className: 'w-28', label: tool.name },
        cell: ({ row }) => <AccessMark cell={row.original.cells[tool.name]} />,
      })),
    ],
    [tools, chunk.total],
  );
  return (
    <DataTable
      label="Access matrix: which agents can call which tools"
      columns={columns}
      data={rows}
      sort={sort}
      visibleColumns={null}
      paging={paging}
      getRowId={(r) => r.id}
      minWidth={`${34 + tools.length * 7}rem`}
      empty={
        q
          ? `No agent matches “${q}”.`
          : 'No agent holds a consent for this server or has called it.'
      }
      toolbar={
        <TableToolbar>
          <SearchBox placeholder="Search agent name or client ID" value={q} />
          <ClearFilters params={['q']} />
          <ToolChunkNav chunk={chunk} shown={tools.length} />
        </TableToolbar>
      }
    />
  );
}
