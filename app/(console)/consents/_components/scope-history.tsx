import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Ago } from '@/components/ui/grant-display';
import type { ConsentHistoryRow } from '@/db/queries/consents';
import { formatDateTime } from '@/lib/format';

const changeTones: Record<string, BadgeTone> = {
  granted: 'success',
  widened: 'accent',
  narrowed: 'warning',
  revoked: 'danger',
};

/** Who made a change: an admin by email, else the event's actor, else its source event. */
function whoOf(row: ConsentHistoryRow): string {
  const actor = (row.actor ?? null) as { type?: string; id?: string; email?: string } | null;
  if (actor?.type === 'admin') return `admin ${actor.email ?? actor.id ?? ''}`.trim();
  if (actor?.type) return `${actor.type}${actor.id ? ` ${actor.id}` : ''}`;
  if (row.sourceEventId) return `event ${row.sourceEventId}`;
  return 'the authorization server';
}

const SHOWN = 12;

function ScopeDelta({ sign, scopes, tone }: { sign: string; scopes: string[]; tone: string }) {
  if (scopes.length === 0) return null;
  const shown = scopes.slice(0, SHOWN);
  return (
    <p className="min-w-0 text-xs">
      <span className={`font-mono ${tone}`}>
        {sign} {shown.join(' ')}
      </span>
      {scopes.length > SHOWN ? (
        <span className="text-fg-muted"> and {scopes.length - SHOWN} more</span>
      ) : null}
    </p>
  );
}

/** The consent's scope history, newest first: what each grant or revocation changed. */
export function ScopeHistory({ rows, now }: { rows: ConsentHistoryRow[]; now: Date }) {
  if (rows.length === 0) {
    return <p className="px-5 py-6 text-sm text-fg-muted">No history recorded.</p>;
  }
  return (
    <ol aria-label="Scope history" className="divide-y divide-border">
      {[...rows].reverse().map((row) => (
        <li key={row.id} className="space-y-1 px-5 py-3">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <Badge tone={changeTones[row.change] ?? 'neutral'}>{row.change}</Badge>
            <span className="text-fg-muted" title={formatDateTime(row.occurredAt)}>
              <Ago date={row.occurredAt} now={now} />
            </span>
            <span className="min-w-0 truncate text-fg-muted" title={whoOf(row)}>
              by {whoOf(row)}
            </span>
            {row.mechanism ? <Badge>{row.mechanism}</Badge> : null}
          </div>
          {row.reason ? (
            <p className="text-sm break-words">
              <span className="text-fg-muted">Reason: </span>
              {row.reason}
            </p>
          ) : null}
          <div className="break-all">
            <ScopeDelta sign="+" scopes={row.added} tone="text-success" />
            <ScopeDelta sign="−" scopes={row.removed} tone="text-danger" />
            {row.added.length === 0 && row.removed.length === 0 ? (
              <p className="text-xs text-fg-muted">No change to the scopes.</p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
