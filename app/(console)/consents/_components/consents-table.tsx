'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, visibilityOf, type DataColumn } from '@/components/data-table/data-table';
import { FilterChips, type FilterChip } from '@/components/data-table/filter-chips';
import type { Paging } from '@/components/data-table/pager';
import {
  ClearFilters,
  ColumnMenu,
  FacetFilter,
  SearchBox,
  TableToolbar,
  type FacetOption,
} from '@/components/data-table/toolbar';
import { Ago, ScopeChips, StateCell } from '@/components/ui/grant-display';
import { Clip } from '@/components/ui/table';
import type { ConsentListRow } from '@/db/queries/consents';
import type { TableParams } from '@/lib/tables/table-params';

type Facet = 'status' | 'agent' | 'resource';

function columnsAt(now: Date): DataColumn<ConsentListRow>[] {
  return [
    {
      id: 'agent',
      header: 'Agent',
      meta: { className: 'w-40' },
      cell: ({ row: { original: c } }) => (
        <div className="min-w-0">
          <Link
            href={`/agents/${c.agentId}`}
            className="block truncate font-medium text-fg hover:underline"
            title={c.agentName ?? c.clientId}
          >
            {c.agentName ?? c.clientId}
          </Link>
          <Clip value={c.clientId} mono className="text-fg-muted" />
        </div>
      ),
    },
    {
      id: 'subject',
      header: 'End user',
      meta: { className: 'w-36' },
      cell: ({ row: { original: c } }) => (
        <div className="min-w-0">
          <Link
            href={`/consents/${c.id}`}
            className="block truncate font-medium text-accent hover:underline"
            title={`Open the consent of ${c.subjectName ?? c.sub} for ${c.agentName ?? c.clientId}`}
          >
            {c.subjectName ?? c.sub}
          </Link>
          {c.subjectName ? <Clip value={c.sub} mono className="text-fg-muted" /> : null}
        </div>
      ),
    },
    {
      // Takes the width the others leave.
      id: 'resource',
      header: 'Resource',
      cell: ({ row: { original: c } }) =>
        c.resource ? (
          <span className="block truncate font-mono text-xs" title={c.resource}>
            {c.resource.replace(/^https:\/\//, '')}
          </span>
        ) : (
          <span className="text-fg-muted">—</span>
        ),
    },
    {
      id: 'scopes',
      header: 'Scopes',
      enableSorting: false,
      meta: { className: 'w-48' },
      cell: ({ row: { original: c } }) => <ScopeChips scopes={c.scopes} total={c.scopeCount} />,
    },
    {
      id: 'status',
      header: 'Status',
      meta: { className: 'w-24' },
      cell: ({ row: { original: c } }) => <StateCell state={c.state} refusedBy={c.refusedBy} />,
    },
    {
      id: 'mechanism',
      header: 'Mechanism',
      meta: { className: 'w-28', hiddenByDefault: true },
      cell: ({ row: { original: c } }) => (
        <span className="text-fg-muted">{c.mechanism ?? '—'}</span>
      ),
    },
    {
      id: 'granted',
      header: 'Granted',
      meta: { className: 'w-32' },
      cell: ({ row: { original: c } }) => <Ago date={c.grantedAt} now={now} />,
    },
    {
      id: 'last_used',
      header: 'Last used',
      meta: { className: 'w-32' },
      cell: ({ row: { original: c } }) => <Ago date={c.lastUsedAt} now={now} empty="never" />,
    },
  ];
}

const columnLabels: Record<string, string> = {
  agent: 'Agent',
  subject: 'End user',
  resource: 'Resource',
  scopes: 'Scopes',
  status: 'Status',
  mechanism: 'Mechanism',
  granted: 'Granted',
  last_used: 'Last used',
};

export function ConsentsTable({
  rows,
  now,
  params,
  paging,
  facets,
  chips,
}: {
  rows: ConsentListRow[];
  now: Date;
  params: TableParams<Facet>;
  paging: Paging;
  facets: Record<Facet, FacetOption[]>;
  chips: FilterChip[];
}) {
  const columns = useMemo(() => columnsAt(now), [now]);
  const visible = visibilityOf(columns, params.cols);
  return (
    <DataTable
      label="Consents"
      columns={columns}
      data={rows}
      sort={params.sort}
      visibleColumns={params.cols}
      paging={paging}
      getRowId={(row) => row.id}
      minWidth="60rem"
      empty={<span className="text-fg-muted">No consent matches these filters.</span>}
      toolbar={
        <TableToolbar>
          <SearchBox placeholder="Search user, client ID, agent or scope" value={params.q} />
          <FacetFilter
            title="Status"
            param="status"
            options={facets.status}
            selected={params.facets.status}
          />
          <FacetFilter
            title="Agent"
            param="agent"
            options={facets.agent}
            selected={params.facets.agent}
          />
          <FacetFilter
            title="Resource"
            param="resource"
            options={facets.resource}
            selected={params.facets.resource}
          />
          <FilterChips chips={chips} />
          <ClearFilters
            params={['q', 'status', 'agent', 'resource', 'client_id', 'sub', 'active']}
          />
          <div className="ml-auto">
            <ColumnMenu
              columns={Object.entries(columnLabels).map(([id, label]) => ({ id, label }))}
              visible={visible}
            />
          </div>
        </TableToolbar>
      }
    />
  );
}
