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
import type { TokenListRow } from '@/db/queries/tokens';
import type { TableParams } from '@/lib/tables/table-params';
import { tokenTypeLabels } from '@/lib/grants/labels';

type Facet = 'state' | 'type' | 'agent';

function columnsAt(now: Date): DataColumn<TokenListRow>[] {
  return [
    {
      id: 'token_ref',
      header: 'Reference · family',
      meta: { className: 'w-40', label: 'Reference · family' },
      cell: ({ row: { original: t } }) => (
        <div className="min-w-0">
          <Link
            href={`/tokens/${t.id}`}
            className="block truncate font-mono text-xs text-accent hover:underline"
            title={t.tokenRef}
          >
            {t.tokenRef}
          </Link>
          {t.familyId ? (
            <span
              className="block truncate font-mono text-xs text-fg-muted"
              title={`Refresh family ${t.familyId}`}
            >
              {t.familyId}
            </span>
          ) : null}
        </div>
      ),
    },
    {
      id: 'type',
      header: 'Type',
      meta: { className: 'w-28' },
      cell: ({ row: { original: t } }) => (
        <span className="whitespace-nowrap text-fg-muted">
          {t.tokenType ? tokenTypeLabels[t.tokenType] : 'unknown'}
        </span>
      ),
    },
    {
      id: 'agent',
      header: 'Agent · end user',
      meta: { className: 'w-44', label: 'Agent · end user' },
      cell: ({ row: { original: t } }) => (
        <div className="min-w-0">
          {t.agentId ? (
            <Link
              href={`/agents/${t.agentId}`}
              className="block truncate text-fg hover:underline"
              title={t.agentName ?? t.clientId ?? ''}
            >
              {t.agentName ?? t.clientId}
            </Link>
          ) : (
            <span className="block text-fg-muted">agent not reported</span>
          )}
          <Clip
            value={t.subjectName ?? t.sub ?? 'no end user'}
            mono={!t.subjectName && Boolean(t.sub)}
            className="text-fg-muted"
          />
        </div>
      ),
    },
    {
      // The end user also shows under the agent; this column is for sorting by user.
      id: 'subject',
      header: 'End user',
      meta: { className: 'w-36', hiddenByDefault: true },
      cell: ({ row: { original: t } }) => <Clip value={t.subjectName ?? t.sub} />,
    },
    {
      id: 'state',
      header: 'State',
      meta: { className: 'w-32' },
      cell: ({ row: { original: t } }) => <StateCell state={t.state} refusedBy={t.refusedBy} />,
    },
    {
      id: 'scopes',
      header: 'Scopes',
      enableSorting: false,
      meta: { className: 'w-40' },
      cell: ({ row: { original: t } }) => (
        <ScopeChips scopes={t.scopes} total={t.scopeCount} max={1} oneLine />
      ),
    },
    {
      id: 'issued',
      header: 'Issued',
      meta: { className: 'w-32' },
      cell: ({ row: { original: t } }) => <Ago date={t.issuedAt} now={now} empty="not reported" />,
    },
    {
      id: 'expires',
      header: 'Expires',
      meta: { className: 'w-32' },
      cell: ({ row: { original: t } }) => <Ago date={t.expiresAt} now={now} />,
    },
    {
      id: 'last_used',
      header: 'Last used',
      meta: { className: 'w-32', hiddenByDefault: true },
      cell: ({ row: { original: t } }) => <Ago date={t.lastUsedAt} now={now} empty="never" />,
    },
  ];
}

const columnLabels: Record<string, string> = {
  token_ref: 'Reference · family',
  type: 'Type',
  agent: 'Agent · end user',
  subject: 'End user',
  state: 'State',
  scopes: 'Scopes',
  issued: 'Issued',
  expires: 'Expires',
  last_used: 'Last used',
};

export function TokensTable({
  rows,
  now,
  params,
  paging,
  facets,
  chips,
}: {
  rows: TokenListRow[];
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
      label="Tokens"
      columns={columns}
      data={rows}
      sort={params.sort}
      visibleColumns={params.cols}
      paging={paging}
      getRowId={(row) => row.id}
      minWidth="60rem"
      empty={<span className="text-fg-muted">No token matches these filters.</span>}
      toolbar={
        <TableToolbar>
          <SearchBox placeholder="Search reference, family, user or client ID" value={params.q} />
          <FacetFilter
            title="State"
            param="state"
            options={facets.state}
            selected={params.facets.state}
          />
          <FacetFilter
            title="Type"
            param="type"
            options={facets.type}
            selected={params.facets.type}
          />
          <FacetFilter
            title="Agent"
            param="agent"
            options={facets.agent}
            selected={params.facets.agent}
          />
          <FilterChips chips={chips} />
          <ClearFilters params={['q', 'state', 'type', 'agent', 'client_id', 'sub', 'active']} />
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
