'use client';

import { Layers, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useMemo } from 'react';
import { columnId, DataTable, visibilityOf } from '@/components/data-table/data-table';
import {
  ClearFilters,
  ColumnMenu,
  FacetFilter,
  SearchBox,
  TableToolbar,
  type FacetOption,
} from '@/components/data-table/toolbar';
import { useUrlState } from '@/components/data-table/url-state';
import type { AgentFacetCounts } from '@/db/queries/agents';
import {
  agentFilterParams,
  clientTypeLabels,
  clientTypeValues,
  methodLabels,
} from '@/lib/agents/labels';
import type { AgentRow } from '@/lib/agents/rows';
import { registrationMethods, verificationStatuses } from '@/lib/constants';
import type { TableParams } from '@/lib/tables/table-params';
import { cn } from '@/lib/utils';
import { agentColumns } from './agent-columns';

function options(
  values: readonly string[] | null,
  counts: { value: string; count: number }[],
  labels: Record<string, string> = {},
): FacetOption[] {
  const count = (v: string) => counts.find((c) => c.value === v)?.count ?? 0;
  const all = values ?? counts.map((c) => c.value);
  return all.map((value) => ({ value, label: labels[value] ?? value, count: count(value) }));
}

const toggle =
  'inline-flex h-9 items-center gap-1.5 rounded-md border px-3 text-sm shadow-sm hover:bg-surface-muted';

export function AgentsTable({
  rows,
  total,
  params,
  grouped,
  family,
  includeDeleted,
  facets,
  now,
}: {
  rows: AgentRow[];
  total: number;
  params: TableParams;
  grouped: boolean;
  family: string | null;
  includeDeleted: boolean;
  facets: AgentFacetCounts;
  now: Date;
}) {
  const { hrefWith, navigate } = useUrlState();
  const columns = useMemo(
    () => agentColumns(now, (key) => hrefWith({ family: key, group: null })),
    [now, hrefWith],
  );
  const visible = visibilityOf(columns, params.cols);
  const menu = columns.map((c) => ({ id: columnId(c)!, label: c.meta?.label ?? columnId(c)! }));

  return (
    <DataTable
      label={grouped ? 'Agents, one row per family' : 'Agent registrations'}
      columns={columns}
      data={rows}
      sort={params.sort}
      visibleColumns={params.cols}
      paging={{ kind: 'offset', page: params.page, size: params.size, total }}
      getRowId={(r) => r.id}
      minWidth="60rem"
      empty={<p className="text-fg-muted">No agents match these filters.</p>}
      toolbar={
        <div className="space-y-2">
          {family ? (
            <p className="flex flex-wrap items-center gap-2 rounded-md border border-border bg-surface-muted px-3 py-2 text-sm">
              <span className="text-fg-muted">Instances of the family</span>
              <span className="max-w-md truncate font-mono text-xs" title={family}>
                {family}
              </span>
              <Link
                href={hrefWith({ family: null })}
                className="ml-auto text-accent hover:underline"
              >
                All agents
              </Link>
            </p>
          ) : null}
          <TableToolbar>
            <SearchBox value={params.q} placeholder="Search name, client_id, URI" />
            <FacetFilter
              title="Status"
              param="status"
              selected={params.facets.status ?? []}
              options={options(verificationStatuses, facets.status)}
            />
            <FacetFilter
              title="Method"
              param="method"
              selected={params.facets.method ?? []}
              options={options(registrationMethods, facets.method, methodLabels)}
            />
            <FacetFilter
              title="Client type"
              param="client_type"
              selected={params.facets.client_type ?? []}
              options={options(clientTypeValues, facets.clientType, clientTypeLabels)}
            />
            <FacetFilter
              title="Issuer"
              param="issuer"
              selected={params.facets.issuer ?? []}
              options={options(null, facets.issuer)}
            />
            {family ? null : (
              <button
                type="button"
                aria-pressed={grouped}
                onClick={() => navigate({ group: grouped ? 'none' : null })}
                className={cn(
                  toggle,
                  grouped
                    ? 'border-accent/40 bg-accent-soft text-accent'
                    : 'border-border bg-surface',
                )}
              >
                <Layers className="size-4" aria-hidden />
                Group families
              </button>
            )}
            <button
              type="button"
              aria-pressed={includeDeleted}
              onClick={() => navigate({ deleted: includeDeleted ? null : '1' })}
              className={cn(
                toggle,
                includeDeleted
                  ? 'border-accent/40 bg-accent-soft text-accent'
                  : 'border-border bg-surface',
              )}
            >
              <Trash2 className="size-4" aria-hidden />
              Show deleted
              <span className="text-xs text-fg-muted tabular-nums">{facets.deleted}</span>
            </button>
            <div className="ml-auto flex items-center gap-2">
              <ClearFilters params={agentFilterParams} />
              <ColumnMenu columns={menu} visible={visible} />
            </div>
          </TableToolbar>
        </div>
      }
    />
  );
}
