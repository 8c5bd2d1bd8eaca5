import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { latestVerification } from '@/db/queries/audit-seal';
import { publishedKeys } from '@/lib/audit/seal/keys';
import { presentVerification } from '@/lib/audit/seal/present';
import { requireConsole } from '@/lib/auth/guards';
import { formatCount, formatDateTime } from '@/lib/format';
import { IntegrityBadge } from '../_components/integrity-badge';
import { VerifyNow } from './_components/verify-now';

export const metadata: Metadata = { title: 'Audit trail integrity' };

const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : '—');

export default async function IntegrityPage() {
  const actor = await requireConsole('read');
  const db = getDb();
  const [latest, keys] = await Promise.all([
    latestVerification(db, actor.orgId),
    publishedKeys(db),
  ]);
  const v = presentVerification(latest);
  const facts: [string, string][] = [
    ['Last verified', when(v.finished_at)],
    ['Sealed events up to', when(v.verified_through)],
    ['Events proven', formatCount(v.events)],
    ['Signed checkpoints', formatCount(v.checkpoints)],
    ['Not sealed yet', formatCount(v.unsealed_events)],
    ['Dropped by retention', formatCount(v.dropped_events)],
    [
      'Newest checkpoint',
      v.head ? `#${formatCount(v.head.seq)} · ${v.head.hash.slice(0, 16)}…` : '—',
    ],
  ];

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/audit" className="text-fg-muted hover:text-fg hover:underline">
          Audit trail
        </Link>
      </nav>
      <PageHeader
        title="Integrity"
        description="Every few seconds the hub seals new events into a checkpoint: a Merkle root of them, chained to the one before and signed with the hub’s Ed25519 key. Verifying recomputes every checkpoint from the events, so a changed, deleted, inserted or reordered event shows up here."
        actions={<IntegrityBadge verification={v} />}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader
            title="Last verification"
            description="The whole trail is verified at start and hourly; an hour’s events are sealed within seconds."
            actions={<VerifyNow />}
          />
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 px-5 py-4 text-sm sm:grid-cols-2">
            {facts.map(([label, value]) => (
              <div key={label} className="min-w-0">
                <dt className="text-fg-muted">{label}</dt>
                <dd className="font-medium break-words text-fg tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          {v.problems.length > 0 ? (
            <div className="border-t border-border px-5 py-4">
              <h3 className="text-sm font-semibold text-danger">
                {formatCount(v.problem_count)} {v.problem_count === 1 ? 'problem' : 'problems'}
              </h3>
              <ul className="mt-2 space-y-1 text-sm" data-testid="integrity-problems">
                {v.problems.map((p, i) => (
                  <li key={i} className="break-words">
                    <span className="font-mono text-xs text-fg-muted">{p.kind}</span> {p.detail}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Card>
        <Card>
          <CardHeader
            title="Proof you can take away"
            description="The sealed export holds every sealed event and its signed checkpoints. Anyone can check it offline with Node.js and the public key, without the hub."
          />
          <div className="space-y-4 px-5 py-4 text-sm">
            <a
              href="/api/v1/audit/sealed-export"
              className={buttonClasses('secondary', 'sm')}
              download
            >
              Download sealed export
            </a>
            <p className="text-fg-muted">
              Check it with{' '}
              <code className="font-mono text-xs">node verify-export.mjs file.ndjson KEY-ID</code>{' '}
              (lib/audit/seal in the hub’s repository), or{' '}
              <code className="font-mono text-xs">npm run audit:verify -- file.ndjson</code>.
            </p>
            <div>
              <h3 className="font-medium text-fg">Signing keys</h3>
              {keys.length === 0 ? (
                <p className="mt-1 text-fg-muted">No checkpoint has been signed yet.</p>
              ) : (
                <ul className="mt-1 space-y-1">
                  {keys.map((k) => (
                    <li key={k.kid} className="font-mono text-xs break-all text-fg">
                      {k.kid}
                    </li>
                  ))}
                </ul>
              )}
              <p className="mt-1 text-fg-muted">
                Published at <code className="font-mono text-xs">/api/v1/audit/keys</code>.
              </p>
            </div>
          </div>
        </Card>
      </div>
    </>
  );
}
