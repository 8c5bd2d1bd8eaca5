'use client';

import { ListFilter, Search } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Menu } from '@/components/data-table/toolbar';
import { useUrlState } from '@/components/data-table/url-state';
import { describeAuditType, type AuditTypeView } from '@/lib/audit/catalogue';
import type { AuditTypeGroup } from '@/lib/audit/event-types';

/**
 * Every word must appear in the type's label or code. Not its category: "token" would then bring
 * up "Consent granted" and every other type of "Consents & tokens".
 */
function matching(groups: AuditTypeGroup[], query: string): AuditTypeGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return groups;
  const fits = (t: AuditTypeView) => {
    const text = `${t.label} ${t.type}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  return groups
    .map((g) => ({ ...g, types: g.types.filter(fits) }))
    .filter((g) => g.types.length > 0);
}

const MARGIN = 8;

/** Moves the panel left as far as the window's right edge needs, and ends it above the bottom. */
function fitIntoWindow(panel: HTMLElement) {
  panel.style.left = '';
  panel.style.maxHeight = '';
  const box = panel.getBoundingClientRect();
  const overflow = box.right - (window.innerWidth - MARGIN);
  if (overflow > 0) panel.style.left = `${-Math.min(overflow, box.left - MARGIN)}px`;
  const room = window.innerHeight - box.top - MARGIN;
  if (room < box.height) panel.style.maxHeight = `${Math.max(room, 240)}px`;
}

/**
 * The audit page's type filter, written to `type` as comma-separated codes: the catalogue's types
 * grouped by category, each by its label with its code beside it, and a search box. Up and Down
 * move between the search box and the visible choices; Enter in the search box picks the only
 * match; Escape closes.
 */
export function TypeFilter({ groups, selected }: { groups: AuditTypeGroup[]; selected: string[] }) {
  const { navigate } = useUrlState();
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const id = useId();

  // Opening fits the panel into the window and puts the cursor in the search box; closing
  // forgets the search.
  useEffect(() => {
    const details = detailsRef.current;
    if (!details) return;
    const onToggle = () => {
      if (!details.open) return setQuery('');
      const panel = details.querySelector<HTMLElement>(':scope > div');
      if (panel) fitIntoWindow(panel);
      searchRef.current?.focus();
    };
    details.addEventListener('toggle', onToggle);
    return () => details.removeEventListener('toggle', onToggle);
  }, []);

  const shown = matching(groups, query);
  const count = shown.reduce((n, g) => n + g.types.length, 0);

  const toggle = (type: string) => {
    const next = selected.includes(type) ? selected.filter((t) => t !== type) : [...selected, type];
    navigate({ type: next.join(',') || null });
  };

  const move = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const boxes = [...(listRef.current?.querySelectorAll<HTMLInputElement>('input') ?? [])];
    if (boxes.length === 0) return;
    e.preventDefault();
    const at = boxes.indexOf(document.activeElement as HTMLInputElement);
    const next = e.key === 'ArrowDown' ? Math.min(at + 1, boxes.length - 1) : at - 1;
    (next < 0 ? searchRef.current : boxes[next])?.focus();
  };

  return (
    <Menu
      detailsRef={detailsRef}
      panelClassName="flex max-h-[min(34rem,75vh)] w-[min(26rem,calc(100vw-2rem))] flex-col overflow-hidden p-0"
      summary={
        <>
          <ListFilter className="size-4 text-fg-muted" aria-hidden />
          Type
          {selected.length > 0 ? (
            <span className="max-w-48 truncate rounded bg-accent-soft px-1.5 text-xs font-medium text-accent">
              {selected.length === 1
                ? describeAuditType(selected[0]!).label
                : `${selected.length} selected`}
            </span>
          ) : null}
        </>
      }
    >
      <div className="border-b border-border p-2" onKeyDown={move}>
        <label className="relative block">
          <span className="sr-only">Find an event type</span>
          <Search
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-fg-muted"
            aria-hidden
          />
          <input
            ref={searchRef}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              const only = shown.length === 1 ? shown[0]!.types : [];
              if (only.length === 1) toggle(only[0]!.type);
            }}
            placeholder="Find a type, e.g. suspended or token"
            autoComplete="off"
            spellCheck={false}
            aria-controls={`${id}-list`}
            aria-describedby={`${id}-count`}
            className="h-9 w-full rounded-md border border-border bg-surface pr-3 pl-8 text-sm text-fg placeholder:text-fg-muted"
          />
        </label>
        <p id={`${id}-count`} aria-live="polite" className="sr-only">
          {count === 1 ? '1 type' : `${count} types`}
        </p>
      </div>
      <div
        ref={listRef}
        id={`${id}-list`}
        onKeyDown={move}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-1 pb-1"
      >
        {shown.length === 0 ? (
          <p className="px-3 py-4 text-sm text-fg-muted">No event type matches “{query.trim()}”.</p>
        ) : null}
        {shown.map((group, i) => (
          <div key={group.category} role="group" aria-labelledby={`${id}-group-${i}`}>
            <p
              id={`${id}-group-${i}`}
              className="sticky top-0 z-10 bg-surface px-2 pt-2.5 pb-1 text-xs font-semibold tracking-wide text-fg-muted uppercase"
            >
              {group.category}
            </p>
            {group.types.map((t) => (
              <TypeChoice
                key={t.type}
                type={t}
                checked={selected.includes(t.type)}
                onToggle={() => toggle(t.type)}
              />
            ))}
          </div>
        ))}
      </div>
      {selected.length > 0 ? (
        <button
          type="button"
          onClick={() => navigate({ type: null })}
          className="border-t border-border px-3 py-2 text-left text-sm text-fg-muted hover:bg-surface-muted hover:text-fg"
        >
          Clear type filter ({selected.length})
        </button>
      ) : null}
    </Menu>
  );
}

function TypeChoice({
  type,
  checked,
  onToggle,
}: {
  type: AuditTypeView;
  checked: boolean;
  onToggle: () => void;
}) {
  return (
    <label className="flex cursor-pointer items-start gap-2.5 rounded px-2 py-1.5 hover:bg-surface-muted has-[:focus-visible]:bg-surface-muted">
      <input
        type="checkbox"
        checked={checked}
        onChange={onToggle}
        className="mt-0.5 size-4 shrink-0 accent-[var(--accent)]"
      />
      {type.known ? (
        <span className="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-2">
          <span className="text-sm text-fg">{type.label}</span>
          <span className="font-mono text-[11px] break-all text-fg-muted">{type.type}</span>
        </span>
      ) : (
        <span className="min-w-0 flex-1 font-mono text-xs break-all text-fg">{type.type}</span>
      )}
    </label>
  );
}
