'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, visibilityOf, type DataColumn } from '@/components/data-table/data-table';
import type { Paging } from '@/components/data-table/pager';
import {
  ClearFilters,
  ColumnMenu,
  FacetFilter,
  SearchBox,
  TableToolbar,
  type FacetOption,
} from '@/components/data-table/toolbar';
import { Badge } from '@/components/ui/badge';
import { Ago } from '@/components/ui/grant-display';
import { Clip } from '@/components/ui/table';
import { kindLabels, type RevocationRow } from '@/lib/revocations/console-rows';
import type { TableParams } from '@/lib/tables/table-params';
import { DeliveryStatus } from './delivery-status';

function columnsAt(now: Date): DataColumn<RevocationRow>[] {
  return [
    {
      id: 'seq',
      header: '#',
      meta: { className: 'w-16', label: 'Sequence' },
      cell: ({ row: { original: r } }) => (
        <Link
          href={`/revocations/${r.seq}`}
          className="font-mono font-medium text-accent hover:underline"
          title={`Open entry ${r.seq} and its deliveries`}
        >
          {r.seq}
        </Link>
      ),
    },
    {
      id: 'kind',
      header: 'Kind',
      enableSorting: false,
      meta: { className: 'w-32' },
      cell: ({ row: { original: r } }) => <Badge>{kindLabels[r.kind] ?? r.kind}</Badge>,
    },
    {
      id: 'target',
      header: 'Refuses',
      enableSorting: false,
      meta: { className: 'w-48' },
      cell: ({ row: { original: r } }) => (
        <div className="min-w-0">
          <Clip value={r.target} mono />
          {r.issuer ? <Clip value={r.issuer} className="text-xs text-fg-muted" /> : null}
        </div>
      ),
    },
    {
      id: 'enforcement',
      header: 'Enforced',
      enableSorting: false,
      meta: { className: 'w-80' },
      cell: ({ row: { original: r } }) =>
        r.enforcement ? <DeliveryStatus {...r.enforcement} /> : null,
    },
    {
      id: 'delivery',
      header: 'Push delivery',
      enableSorting: false,
      meta: { className: 'w-72' },
      cell: ({ row: { original: r } }) => <DeliveryStatus {...r.delivery} />,
    },
    {
      id: 'reason',
      header: 'Reason',
      enableSorting: false,
      meta: { className: 'w-40' },
      cell: ({ row: { original: r } }) => <Clip value={r.reason ?? '—'} />,
    },
    {
      id: 'actor',
      header: 'By',
      enableSorting: false,
      meta: { className: 'w-40' },
      cell: ({ row: { original: r } }) => <Clip value={r.actor} className="text-fg-muted" />,
    },
    {
      id: 'revoked',
      header: 'Revoked',
      enableSorting: false,
      meta: { className: 'w-28' },
      cell: ({ row: { original: r } }) => <Ago date={r.revokedAt} now={now} />,
    },
  ];
}

const columnLabels: Record<string, string> = {
  seq: 'Sequence',
  kind: 'Kind',
  target: 'Refuses',
  enforcement: 'Enforced',
  delivery: 'Push delivery',
  reason: 'Reason',
  actor: 'By',
  revoked: 'Revoked',
};

export function RevocationsTable({
  rows,
  now,
  params,
  paging,
  kinds,
}: {
  rows: RevocationRow[];
  now: Date;
  params: TableParams<'kind'>;
  paging: Paging;
  kinds: FacetOption[];
}) {
  const columns = useMemo(() => columnsAt(now), [now]);
  const visible = visibilityOf(columns, params.cols);
  return (
    <DataTable
      label="Revocation entries"
      columns={columns}
      data={rows}
      sort={params.sort}
      visibleColumns={params.cols}
      paging={paging}
      getRowId={(row) => row.seq}
      minWidth="80rem"
      empty={<span className="text-fg-muted">No entry matches these filters.</span>}
      toolbar={
        <TableToolbar>
          <SearchBox
            placeholder="Search token, family, client ID, user, reason or #"
            value={params.q}
          />
          <FacetFilter title="Kind" param="kind" options={kinds} selected={params.facets.kind} />
          <ClearFilters params={['q', 'kind']} />
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
