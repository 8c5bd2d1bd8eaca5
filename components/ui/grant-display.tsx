import type { ReactNode } from 'react';
import { Badge, type BadgeTone } from './badge';
import { formatDateTime, timeAgo } from '@/lib/format';
import { refusalShort, type Refusal } from '@/lib/revocations/refusal-words';

/** Small pieces the consents and tokens pages share. */

const stateTones: Record<string, BadgeTone> = {
  active: 'success',
  refused: 'danger',
  expired: 'neutral',
  revoked: 'danger',
};

/** active, refused, expired or revoked, as decided when the page was read. */
export function StateBadge({ state }: { state: string }) {
  return <Badge tone={stateTones[state] ?? 'neutral'}>{state}</Badge>;
}

/** A table's state cell: the badge and, for a refused one, why (the entry's reason). */
export function StateCell({ state, refusedBy }: { state: string; refusedBy: Refusal | null }) {
  if (state !== 'refused' || !refusedBy) return <StateBadge state={state} />;
  const why = refusalShort(refusedBy);
  return (
    <span className="block min-w-0">
      <StateBadge state={state} />
      <span className="mt-0.5 block truncate text-xs text-fg-muted" title={why}>
        {why}
      </span>
    </span>
  );
}

/**
 * The first scopes of a list and "+N" for the rest, on lines that wrap inside their cell, so a
 * consent with 200 scopes takes the same room as one with three. The full list is on the detail
 * page.
 */
export function ScopeChips({
  scopes,
  total,
  max = 3,
  oneLine = false,
}: {
  scopes: readonly string[];
  /** how many there are in all, when `scopes` is already cut */
  total?: number;
  max?: number;
  /** keep "+N" beside the chips, shrinking them, instead of wrapping */
  oneLine?: boolean;
}) {
  const count = total ?? scopes.length;
  if (count === 0) return <span className="text-fg-muted">none</span>;
  const shown = scopes.slice(0, max);
  const more = count - shown.length;
  return (
    <ul
      className={`flex min-w-0 gap-1 ${oneLine ? 'flex-nowrap' : 'flex-wrap'}`}
      aria-label={`${count} scopes`}
    >
      {shown.map((scope) => (
        <li
          key={scope}
          title={scope}
          className="max-w-full min-w-0 truncate rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs text-fg ring-1 ring-border ring-inset"
        >
          {scope}
        </li>
      ))}
      {more > 0 ? (
        <li
          className="shrink-0 rounded px-1 py-0.5 text-xs text-fg-muted"
          title={`${more} more scopes`}
        >
          +{more}
        </li>
      ) : null}
    </ul>
  );
}

/** "3 hours ago" with the exact UTC time on hover; `now` comes from the server render. */
export function Ago({ date, now, empty = '—' }: { date: Date | null; now: Date; empty?: string }) {
  if (!date) return <span className="text-fg-muted">{empty}</span>;
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)} className="whitespace-nowrap">
      {timeAgo(date, now)}
    </time>
  );
}

const entryKinds: Record<string, string> = {
  token: 'this token',
  family: 'a refresh family',
  grant: 'every token of this agent for this user',
};

/** What a revocation told the connected servers, after an admin's action. */
export function EntriesSent({ entries }: { entries: { seq: string; kind: string }[] }) {
  if (entries.length === 0) {
    return (
      <p className="text-sm text-fg-muted">
        No token was live with these permissions, so no server had to be told.
      </p>
    );
  }
  return (
    <div className="space-y-1.5 text-sm">
      <p>
        {entries.length === 1 ? 'One revocation entry' : `${entries.length} revocation entries`}{' '}
        sent to connected servers:
      </p>
      <ul className="max-h-40 space-y-1 overflow-y-auto text-fg-muted">
        {entries.map((e) => (
          <li key={e.seq}>
            <span className="font-mono text-xs text-fg">#{e.seq}</span> {e.kind}:{' '}
            {entryKinds[e.kind] ?? e.kind}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One labelled fact of a detail page's definition list; long values stay in their column. */
export function Fact({
  label,
  children,
  wide,
}: {
  label: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'min-w-0 sm:col-span-2' : 'min-w-0'}>
      <dt className="text-xs text-fg-muted">{label}</dt>
      <dd className="mt-0.5 min-w-0 text-sm">{children}</dd>
    </div>
  );
}
