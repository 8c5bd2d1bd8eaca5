'use client';

import { Clock } from 'lucide-react';
import { useId, type FormEvent } from 'react';
import {
  ClearFilters,
  ColumnMenu,
  FacetFilter,
  SearchBox,
  TableToolbar,
  type FacetOption,
} from '@/components/data-table/toolbar';
import { useUrlState, type ParamChanges } from '@/components/data-table/url-state';
import { Button } from '@/components/ui/button';
import type { AuditTypeGroup } from '@/lib/audit/event-types';
import type { AuditFilter } from '@/lib/audit/filter';
import { auditFilterParamNames, timePresets } from '@/lib/audit/filter-params';
import { cn } from '@/lib/utils';
import { TypeFilter } from './type-filter';

const control =
  'h-9 w-full rounded-md border border-border bg-surface px-2.5 text-sm text-fg shadow-sm placeholder:text-fg-muted';

/** "2026-11-22T14:05:00Z" (any RFC 3339) → "2026-11-22T14:05:00", the UTC value of the input. */
function toInput(value: string | undefined): string {
  if (!value) return '';
  const time = Date.parse(value);
  return Number.isNaN(time) ? '' : new Date(time).toISOString().slice(0, 19);
}

/** The input's value, read as UTC, back to RFC 3339. */
function fromInput(value: string): string | null {
  if (!value) return null;
  return `${value.length === 16 ? `${value}:00` : value}Z`;
}

/** The minute `ms` before now, for the quick ranges (a whole minute keeps the URL short). */
function startOfLast(ms: number): string {
  return new Date(Math.floor((Date.now() - ms) / 60_000) * 60_000).toISOString();
}

const fieldFilters = [
  { param: 'client_id', label: 'Agent (client_id)', key: 'clientId' },
  { param: 'sub', label: 'Subject (sub)', key: 'sub' },
  { param: 'resource', label: 'Resource', key: 'resource' },
  { param: 'tool', label: 'Tool', key: 'tool' },
  { param: 'ip', label: 'IP address', key: 'ip' },
] as const;

export function AuditFilters({
  filter,
  visibleColumns,
  columnChoices,
  typeGroups,
  outcomeOptions,
  sources,
  sourceNames,
}: {
  filter: AuditFilter;
  visibleColumns: Record<string, boolean>;
  columnChoices: { id: string; label: string }[];
  typeGroups: AuditTypeGroup[];
  outcomeOptions: string[];
  sources: FacetOption[];
  sourceNames: Record<string, string>;
}) {
  const { navigate } = useUrlState();
  const sourceId = useId();
  return (
    <div className="space-y-2">
      <TableToolbar>
        <SearchBox
          placeholder="Search events…"
          hint="Search words in summaries, agents, subjects, tools, tokens and IP addresses"
          value={filter.q ?? ''}
        />
        <TypeFilter groups={typeGroups} selected={filter.types} />
        <FacetFilter
          title="Outcome"
          param="outcome"
          options={outcomeOptions.map((value) => ({ value }))}
          selected={filter.outcomes}
        />
        <label htmlFor={sourceId} className="sr-only">
          Source
        </label>
        <select
          id={sourceId}
          value={filter.sourceId ?? ''}
          onChange={(e) => navigate({ source_id: e.target.value || null })}
          className={cn(control, 'w-auto max-w-56')}
        >
          <option value="">All sources</option>
          {filter.sourceId && !sourceNames[filter.sourceId] ? (
            <option value={filter.sourceId}>Unknown source</option>
          ) : null}
          {sources.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        <div className="ml-auto flex items-center gap-2">
          <ClearFilters params={[...auditFilterParamNames]} />
          <ColumnMenu columns={columnChoices} visible={visibleColumns} />
        </div>
      </TableToolbar>
      <FieldFilters key={JSON.stringify(filter)} filter={filter} />
    </div>
  );
}

/**
 * Exact-match fields and the time range, applied together (Enter or the button). Only the fields
 * changed are written, so a shared link's precise times survive applying another field.
 */
function FieldFilters({ filter }: { filter: AuditFilter }) {
  const { navigate } = useUrlState();
  const id = useId();
  const initial: Record<string, string> = {
    after: toInput(filter.after),
    before: toInput(filter.before),
  };
  for (const f of fieldFilters) initial[f.param] = filter[f.key] ?? '';

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const changes: ParamChanges = { event: null };
    for (const [param, was] of Object.entries(initial)) {
      const value = String(form.get(param) ?? '').trim();
      if (value === was) continue;
      changes[param] = param === 'after' || param === 'before' ? fromInput(value) : value || null;
    }
    navigate(changes);
  };
  const preset = (ms: number) => navigate({ after: startOfLast(ms), before: null, event: null });

  return (
    <form
      onSubmit={apply}
      aria-label="Filter by field"
      className="rounded-lg border border-border bg-surface p-3 shadow-sm"
    >
      <div className="grid grid-cols-2 gap-x-3 gap-y-2 sm:grid-cols-3 lg:grid-cols-5">
        {fieldFilters.map((f) => (
          <div key={f.param} className="min-w-0">
            <label htmlFor={`${id}-${f.param}`} className="mb-1 block text-xs text-fg-muted">
              {f.label}
            </label>
            <input
              id={`${id}-${f.param}`}
              name={f.param}
              defaultValue={initial[f.param]}
              autoComplete="off"
              spellCheck={false}
              className={cn(control, 'font-mono text-xs')}
            />
          </div>
        ))}
      </div>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <fieldset className="min-w-0">
          <legend className="mb-1 flex items-center gap-1 text-xs text-fg-muted">
            <Clock className="size-3.5" aria-hidden />
            Last
          </legend>
          <div className="flex">
            {timePresets.map((p, i) => (
              <button
                key={p.id}
                type="button"
                onClick={() => preset(p.ms)}
                aria-label={`Last ${p.label}`}
                className={cn(
                  'h-9 border border-border bg-surface px-3 text-sm text-fg shadow-sm hover:bg-surface-muted',
                  i === 0 ? 'rounded-l-md' : '-ml-px',
                  i === timePresets.length - 1 && 'rounded-r-md',
                )}
              >
                {p.label}
              </button>
            ))}
          </div>
        </fieldset>
        {(['after', 'before'] as const).map((param) => (
          <div key={param} className="min-w-0">
            <label htmlFor={`${id}-${param}`} className="mb-1 block text-xs text-fg-muted">
              {param === 'after' ? 'From (UTC)' : 'Before (UTC)'}
            </label>
            <input
              id={`${id}-${param}`}
              name={param}
              type="datetime-local"
              step={1}
              defaultValue={initial[param]}
              className={cn(control, 'w-52')}
            />
          </div>
        ))}
        <Button type="submit" size="sm" className="h-9">
          Apply filters
        </Button>
      </div>
    </form>
  );
}
