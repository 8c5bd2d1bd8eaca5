'use client';

import { Check, Columns3, ListFilter, Search, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { useUrlState } from './url-state';

const control =
  'inline-flex h-9 items-center gap-1.5 rounded-md border border-border bg-surface px-3 text-sm text-fg shadow-sm hover:bg-surface-muted';

export function TableToolbar({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap items-center gap-2">{children}</div>;
}

/** Free-text search written to `param` (default `q`) as the user pauses typing, or on Enter. */
export function SearchBox({
  placeholder,
  param = 'q',
  value,
  hint,
  className,
}: {
  placeholder: string;
  param?: string;
  value: string;
  /** what the search looks in, shown on hover and read by screen readers */
  hint?: string;
  className?: string;
}) {
  const { navigate } = useUrlState();
  const [text, setText] = useState(value);
  // When the URL changes from elsewhere (a cleared filter, back), show its value.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const submit = (next: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (next.trim() !== value) navigate({ [param]: next.trim() || null });
  };
  return (
    <label className={cn('relative block min-w-56 flex-1 sm:max-w-sm', className)}>
      <span className="sr-only">{hint ?? placeholder}</span>
      <Search
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-fg-muted"
        aria-hidden
      />
      <input
        type="search"
        value={text}
        placeholder={placeholder}
        title={hint}
        onChange={(e) => {
          setText(e.target.value);
          if (timer.current) clearTimeout(timer.current);
          const next = e.target.value;
          timer.current = setTimeout(() => submit(next), 400);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') submit(text);
        }}
        className="h-9 w-full rounded-md border border-border bg-surface pr-3 pl-8 text-sm text-fg shadow-sm placeholder:text-fg-muted"
      />
    </label>
  );
}

export type FacetOption = { value: string; label?: string; count?: number };

/**
 * A multi-choice filter written to `param` as comma-separated values. A native <details> menu:
 * keyboard and screen-reader usable without a popover library; Escape closes it.
 */
export function FacetFilter({
  title,
  param,
  options,
  selected,
}: {
  title: string;
  param: string;
  options: FacetOption[];
  selected: string[];
}) {
  const { navigate } = useUrlState();
  const ref = useRef<HTMLDetailsElement>(null);
  const toggle = (value: string) => {
    const next = selected.includes(value)
      ? selected.filter((v) => v !== value)
      : [...selected, value];
    navigate({ [param]: next.join(',') || null });
  };
  return (
    <Menu
      detailsRef={ref}
      summary={
        <>
          <ListFilter className="size-4 text-fg-muted" aria-hidden />
          {title}
          {selected.length > 0 ? (
            <span className="rounded bg-accent-soft px-1.5 text-xs font-medium text-accent">
              {selected.length === 1
                ? (options.find((o) => o.value === selected[0])?.label ?? selected[0])
                : `${selected.length} selected`}
            </span>
          ) : null}
        </>
      }
    >
      <fieldset>
        <legend className="sr-only">{title}</legend>
        {options.length === 0 ? (
          <p className="px-3 py-2 text-sm text-fg-muted">Nothing to filter on yet</p>
        ) : null}
        {options.map((option) => {
          const checked = selected.includes(option.value);
          return (
            <label
              key={option.value}
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-surface-muted"
            >
              <input
                type="checkbox"
                checked={checked}
                onChange={() => toggle(option.value)}
                className="size-4 accent-[var(--accent)]"
              />
              <span className="min-w-0 flex-1 truncate" title={option.value}>
                {option.label ?? option.value}
              </span>
              {option.count !== undefined ? (
                <span className="text-xs text-fg-muted tabular-nums">{option.count}</span>
              ) : null}
            </label>
          );
        })}
      </fieldset>
      {selected.length > 0 ? (
        <button
          type="button"
          onClick={() => navigate({ [param]: null })}
          className="mt-1 w-full rounded border-t border-border px-2 py-1.5 text-left text-sm text-fg-muted hover:text-fg"
        >
          Clear filter
        </button>
      ) : null}
    </Menu>
  );
}

/** Chooses the columns shown, written to `cols`. */
export function ColumnMenu({
  columns,
  visible,
}: {
  columns: { id: string; label: string }[];
  visible: Record<string, boolean>;
}) {
  const { navigate } = useUrlState();
  const toggle = (id: string) => {
    const next = columns.filter((c) => (c.id === id ? !visible[c.id] : visible[c.id]));
    if (next.length === 0) return;
    navigate({ cols: next.map((c) => c.id).join(',') }, { keepPage: true });
  };
  return (
    <Menu
      align="right"
      summary={
        <>
          <Columns3 className="size-4 text-fg-muted" aria-hidden />
          Columns
        </>
      }
    >
      <fieldset>
        <legend className="sr-only">Columns shown</legend>
        {columns.map((column) => (
          <label
            key={column.id}
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-surface-muted"
          >
            <input
              type="checkbox"
              checked={visible[column.id] ?? false}
              onChange={() => toggle(column.id)}
              className="size-4 accent-[var(--accent)]"
            />
            {column.label}
            {visible[column.id] ? (
              <Check className="ml-auto size-3.5 text-fg-muted" aria-hidden />
            ) : null}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        onClick={() => navigate({ cols: null }, { keepPage: true })}
        className="mt-1 w-full rounded border-t border-border px-2 py-1.5 text-left text-sm text-fg-muted hover:text-fg"
      >
        Reset columns
      </button>
    </Menu>
  );
}

/** "Clear all filters", shown when any of `params` is set. */
export function ClearFilters({ params }: { params: string[] }) {
  const { searchParams, navigate } = useUrlState();
  if (!params.some((p) => searchParams.get(p))) return null;
  return (
    <button
      type="button"
      onClick={() => navigate(Object.fromEntries(params.map((p) => [p, null])))}
      className="inline-flex h-9 items-center gap-1 rounded-md px-2 text-sm text-fg-muted hover:text-fg"
    >
      <X className="size-4" aria-hidden />
      Clear filters
    </button>
  );
}

/** A toolbar menu: a native <details> that Escape and a click outside close. */
export function Menu({
  summary,
  children,
  align = 'left',
  detailsRef,
  panelClassName,
}: {
  summary: ReactNode;
  children: ReactNode;
  align?: 'left' | 'right';
  detailsRef?: React.RefObject<HTMLDetailsElement | null>;
  /** overrides the panel's size and layout */
  panelClassName?: string;
}) {
  const own = useRef<HTMLDetailsElement>(null);
  const ref = detailsRef ?? own;
  const id = useId();
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = (e: Event) => {
      if (!details.open) return;
      if (e instanceof KeyboardEvent) {
        if (e.key !== 'Escape') return;
        details.open = false;
        details.querySelector('summary')?.focus();
        return;
      }
      if (!details.contains(e.target as Node)) details.open = false;
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [ref]);
  return (
    <details ref={ref} className="group relative">
      <summary
        className={cn(control, 'cursor-pointer list-none [&::-webkit-details-marker]:hidden')}
        aria-controls={id}
      >
        {summary}
      </summary>
      <div
        id={id}
        className={cn(
          'absolute z-20 mt-1 max-h-80 w-64 overflow-y-auto rounded-md border border-border bg-surface p-1 shadow-lg',
          align === 'right' ? 'right-0' : 'left-0',
          panelClassName,
        )}
      >
        {children}
      </div>
    </details>
  );
}
