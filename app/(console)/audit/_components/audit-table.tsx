'use client';

import { ScrollText } from 'lucide-react';
import Link from 'next/link';
import { DataTable, visibilityOf, type DataColumn } from '@/components/data-table/data-table';
import type { Paging } from '@/components/data-table/pager';
import { useUrlState } from '@/components/data-table/url-state';
import type { FacetOption } from '@/components/data-table/toolbar';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { AuditRow } from '@/db/queries/audit-trail';
import { describeAuditType } from '@/lib/audit/catalogue';
import type { AuditTypeGroup } from '@/lib/audit/event-types';
import type { AuditFilter } from '@/lib/audit/filter';
import { auditFilterParamNames } from '@/lib/audit/filter-params';
import { cn } from '@/lib/utils';
import { AuditFilters } from './audit-filters';
import { showInvisible } from '@/lib/agents/invisible';
import { formatDateTime, formatDay } from '@/lib/format';

export function outcomeTone(outcome: string | null): BadgeTone {
  if (outcome === 'ok' || outcome === 'success') return 'success';
  if (outcome === 'denied' || outcome === 'rejected' || outcome === 'failure') return 'danger';
  if (outcome === 'error') return 'warning';
  return 'neutral';
}

/** A value that narrows the trail to itself when followed. */
function FilterLink({
  param,
  value,
  className,
  children,
}: {
  param: string;
  value: string;
  className?: string;
  children?: React.ReactNode;
}) {
  const { hrefWith } = useUrlState();
  return (
    <Link
      href={hrefWith({ [param]: value, event: null })}
      scroll={false}
      title={`Only events where ${param} is ${value}`}
      className={cn('block truncate hover:text-accent hover:underline', className)}
    >
      {children ?? value}
    </Link>
  );
}

function EventLink({ row }: { row: AuditRow }) {
  const { hrefWith } = useUrlState();
  return (
    <Link
      href={hrefWith({ event: row.id }, { keepPage: true })}
      scroll={false}
      data-event-link={row.id}
      title={showInvisible(row.summary)}
      className="line-clamp-2 break-words text-fg hover:text-accent hover:underline"
    >
      {showInvisible(row.summary)}
    </Link>
  );
}

/** The label a person reads, with the code a filter or the API takes under it. */
function TypeCell({ type }: { type: string }) {
  const view = describeAuditType(type);
  if (!view.known) return <FilterLink param="type" value={type} className="font-mono text-xs" />;
  return (
    <FilterLink param="type" value={type} className="whitespace-normal">
      <span className="line-clamp-2 text-fg" data-type-label>
        {view.label}
      </span>
      <span className="block truncate font-mono text-[11px] text-fg-muted" data-type-code>
        {type}
      </span>
    </FilterLink>
  );
}

const dash = <span className="text-fg-muted">—</span>;

const columns: DataColumn<AuditRow>[] = [
  {
    id: 'time',
    header: 'Time (UTC)',
    enableSorting: false,
    meta: { className: 'w-28', label: 'Time' },
    cell: ({ row }) => {
      const at = new Date(row.original.occurredAt);
      return (
        <time dateTime={row.original.occurredAt} title={formatDateTime(at)}>
          <span className="block text-fg tabular-nums">{at.toISOString().slice(11, 19)}</span>
          <span className="block text-xs text-fg-muted">{formatDay(at)}</span>
        </time>
      );
    },
  },
  {
    id: 'type',
    header: 'Type',
    enableSorting: false,
    meta: { className: 'w-36' },
    cell: ({ row }) => <TypeCell type={row.original.type} />,
  },
  {
    id: 'summary',
    header: 'Summary',
    enableSorting: false,
    meta: { label: 'Summary' },
    cell: ({ row }) => <EventLink row={row.original} />,
  },
  {
    id: 'outcome',
    header: 'Outcome',
    enableSorting: false,
    meta: { className: 'w-24' },
    cell: ({ row }) =>
      row.original.outcome ? (
        <Badge tone={outcomeTone(row.original.outcome)}>{row.original.outcome}</Badge>
      ) : (
        dash
      ),
  },
  {
    id: 'actor',
    header: 'Actor / agent',
    enableSorting: false,
    meta: { className: 'w-36', label: 'Actor / agent' },
    cell: ({ row }) => {
      const e = row.original;
      return (
        <>
          {e.clientId ? (
            <FilterLink param="client_id" value={e.clientId} className="font-mono text-xs" />
          ) : null}
          {e.actorLabel || e.actorId ? (
            <span
              className="block truncate text-xs text-fg-muted"
              title={`${e.actorType ?? 'actor'}: ${e.actorLabel ?? e.actorId}`}
            >
              {e.actorType ? `${e.actorType} · ` : ''}
              {e.actorLabel ?? e.actorId}
            </span>
          ) : null}
          {!e.clientId && !e.actorLabel && !e.actorId ? dash : null}
        </>
      );
    },
  },
  {
    id: 'subject',
    header: 'Subject',
    enableSorting: false,
    meta: { className: 'w-36' },
    cell: ({ row }) =>
      row.original.sub ? <FilterLink param="sub" value={row.original.sub} /> : dash,
  },
  {
    id: 'resource',
    header: 'Resource / tool',
    enableSorting: false,
    meta: { className: 'w-36', label: 'Resource / tool' },
    cell: ({ row }) => {
      const e = row.original;
      if (!e.tool && !e.resource) return dash;
      return (
        <>
          {e.tool ? <FilterLink param="tool" value={e.tool} className="font-mono text-xs" /> : null}
          {e.resource ? (
            <FilterLink param="resource" value={e.resource} className="text-xs text-fg-muted" />
          ) : null}
        </>
      );
    },
  },
  {
    id: 'ip',
    header: 'IP',
    enableSorting: false,
    // In the drawer and the filter; a column on demand, so the summary keeps its room.
    meta: { className: 'w-32', hiddenByDefault: true },
    cell: ({ row }) =>
      row.original.ip ? (
        <FilterLink param="ip" value={row.original.ip} className="font-mono text-xs" />
      ) : (
        dash
      ),
  },
];

const auditColumnChoices = columns.map((c) => ({
  id: c.id!,
  label: c.meta?.label ?? (typeof c.header === 'string' ? c.header : c.id!),
}));

export function AuditTable({
  rows,
  filter,
  filtered,
  cols,
  paging,
  typeGroups,
  outcomeOptions,
  sources,
  sourceNames,
}: {
  rows: AuditRow[];
  filter: AuditFilter;
  filtered: boolean;
  cols: string[] | null;
  paging: Paging;
  typeGroups: AuditTypeGroup[];
  outcomeOptions: string[];
  sources: FacetOption[];
  sourceNames: Record<string, string>;
}) {
  return (
    <DataTable
      label="Audit events, newest first"
      columns={columns}
      data={rows}
      sort={{ id: 'time', desc: true }}
      visibleColumns={cols}
      paging={paging}
      getRowId={(row) => row.id}
      minWidth="60rem"
      toolbar={
        <AuditFilters
          filter={filter}
          visibleColumns={visibilityOf(columns, cols)}
          columnChoices={auditColumnChoices}
          typeGroups={typeGroups}
          outcomeOptions={outcomeOptions}
          sources={sources}
          sourceNames={sourceNames}
        />
      }
      empty={<EmptyAudit filtered={filtered} />}
    />
  );
}

function EmptyAudit({ filtered }: { filtered: boolean }) {
  const { hrefWith } = useUrlState();
  return (
    <div className="mx-auto max-w-md space-y-2 text-fg-muted">
      <ScrollText className="mx-auto size-6 text-accent" aria-hidden />
      <p className="font-medium text-fg">
        {filtered ? 'No events match this filter' : 'The audit trail is empty'}
      </p>
      {filtered ? (
        <p>
          Widen the time range, remove a filter, or search for fewer words (each word must start a
          word of the event).{' '}
          <Link href={hrefWith({ ...clearAll, event: null })} className="text-accent underline">
            Clear every filter
          </Link>
        </p>
      ) : (
        <p>
          Sign-ins, changes made in this console and every event your sources send are recorded
          here.
        </p>
      )}
    </div>
  );
}

const clearAll = Object.fromEntries(auditFilterParamNames.map((k) => [k, null]));
