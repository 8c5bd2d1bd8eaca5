import Link from 'next/link';
import { Ago, StateBadge } from '@/components/ui/grant-display';
import { tokenTypeLabels } from '@/lib/grants/labels';

type Row = {
  id: string;
  tokenRef: string;
  tokenType: string | null;
  state: string;
  issuedAt: Date | null;
};

/** The newest tokens of a consent, each linking to its page. */
export function ConsentTokens({ rows, now }: { rows: Row[]; now: Date }) {
  if (rows.length === 0) {
    return <p className="px-5 py-6 text-sm text-fg-muted">No token linked to this consent.</p>;
  }
  return (
    <ul
      aria-label="Tokens of this consent"
      className="max-h-96 divide-y divide-border overflow-y-auto"
    >
      {rows.map((t) => (
        <li key={t.id} className="flex items-center gap-3 px-5 py-2">
          <div className="min-w-0 flex-1">
            <Link
              href={`/tokens/${t.id}`}
              className="block truncate font-mono text-xs text-accent hover:underline"
              title={t.tokenRef}
            >
              {t.tokenRef}
            </Link>
            <span className="text-xs text-fg-muted">
              {t.tokenType ? tokenTypeLabels[t.tokenType] : 'token'} ·{' '}
              <Ago date={t.issuedAt} now={now} empty="issue not reported" />
            </span>
          </div>
          <StateBadge state={t.state} />
        </li>
      ))}
    </ul>
  );
}
