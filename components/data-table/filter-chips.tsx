'use client';

import { X } from 'lucide-react';
import { useUrlState } from './url-state';

export type FilterChip = { param: string; label: string; value: string };

/**
 * Filters that come from a link rather than the toolbar (e.g. the management API's
 * `?client_id=`), shown so the view is never filtered invisibly, each removable on its own.
 */
export function FilterChips({ chips }: { chips: FilterChip[] }) {
  const { navigate } = useUrlState();
  if (chips.length === 0) return null;
  return (
    <ul className="flex min-w-0 flex-wrap items-center gap-2" aria-label="Filters from the link">
      {chips.map((chip) => (
        <li
          key={chip.param}
          className="inline-flex h-9 max-w-xs min-w-0 items-center gap-1 rounded-md border border-accent/40 bg-accent-soft pr-1 pl-3 text-sm text-accent"
        >
          <span className="shrink-0">{chip.label}:</span>
          <span className="min-w-0 truncate font-mono text-xs" title={chip.value}>
            {chip.value}
          </span>
          <button
            type="button"
            onClick={() => navigate({ [chip.param]: null })}
            className="ml-1 rounded p-1 hover:bg-surface"
            aria-label={`Remove filter ${chip.label} ${chip.value}`}
          >
            <X className="size-3.5" aria-hidden />
          </button>
        </li>
      ))}
    </ul>
  );
}
