import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { publishedKeys } from '@/lib/audit/seal/keys';
import { loadTrailIntegrity, type TrailIntegrityJson } from '@/lib/audit/seal/status';
import { FULL_VERIFY_INTERVAL_MS, VERIFY_INTERVAL_MS } from '@/lib/audit/seal/worker';
import { requireConsole } from '@/lib/auth/guards';
import { formatCount, formatDateTime } from '@/lib/format';
import { IntegrityBadge } from '../_components/integrity-badge';
import { VerifyNow } from './_components/verify-now';

export const metadata: Metadata = { title: 'Audit trail integrity' };

const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : '—');

export default async function IntegrityPage() {
  const actor = await requireConsole('read');
  const db = getDb();
  const [v, keys] = await Promise.all([loadTrailIntegrity(db, actor.orgId), publishedKeys(db)]);
  const now = new Date();
  const s = v.sealing;
  const sealingFacts: [string, string][] = [
    ['Sealed up to', s.sealed_through ? when(s.sealed_through) : 'Nothing sealed yet'],
    ['Events sealed', formatCount(s.events)],
    ['Signed checkpoints', formatCount(s.checkpoints)],
    ['Newest checkpoint signed', when(s.last_sealed_at)],
    [
      'Waiting to be sealed',
      s.unsealed_events === 0
        ? 'None'
        : `${formatCount(s.unsealed_events)}, the oldest recorded ${when(s.oldest_unsealed_at)}`,
    ],
  ];
  const facts: [string, string][] = [
    ['Result', result(v)],
    ['Kind', kindOf(v)],
    ['Finished', when(v.finished_at)],
    [
      'Checked in this run',
      v.status === 'never'
        ? '—'
        : `${formatCount(v.checked_events)} ${v.checked_events === 1 ? 'event' : 'events'} in ${formatCount(v.checked_checkpoints)} ${v.checked_checkpoints === 1 ? 'checkpoint' : 'checkpoints'}`,
    ],
    ['Events proven in all', formatCount(v.events)],
    ['Sealed events verified up to', when(v.verified_through)],
    ['Dropped by retention', formatCount(v.dropped_events)],
    [
      'Newest checkpoint verified',
      v.head ? `#${formatCount(v.head.seq)} · ${v.head.hash.slice(0, 16)}…` : '—',
    ],
    [
      'Last full verification',
      v.last_full
        ? `${when(v.last_full.finished_at)} · ${v.last_full.status === 'verified' ? 'no tampering' : 'tampering found'}`
        : 'Never',
    ],
    ['Next full verification', nextFull(v, now)],
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
        description="Every few seconds the hub seals new events into a checkpoint: a Merkle root of them, chained to the one before and signed with the hub’s Ed25519 key. Verifying recomputes checkpoints from the events, so a changed, deleted, inserted or reordered event shows up here."
        actions={<IntegrityBadge initial={v} serverNow={now.toISOString()} />}
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader
              title="Sealing"
              description="Events are sealed within seconds of being recorded, whether or not a verification has read them yet."
            />
            <Facts facts={sealingFacts} testId="sealing-facts" />
          </Card>
          <Card>
            <CardHeader
              title="Last verification"
              description={`At start and every ${VERIFY_INTERVAL_MS / 60_000} minutes the hub verifies the checkpoints sealed since its last successful verification, chained on from the last one it verified. The whole trail is verified at least once a day, and when you click Verify now.`}
              actions={<VerifyNow />}
            />
            <Facts facts={facts} testId="verification-facts" />
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
        </div>
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

function Facts({ facts, testId }: { facts: [string, string][]; testId: string }) {
  return (
    <dl
      data-testid={testId}
      className="grid grid-cols-1 gap-x-6 gap-y-3 px-5 py-4 text-sm sm:grid-cols-2"
    >
      {facts.map(([label, value]) => (
        <div key={label} className="min-w-0">
          <dt className="text-fg-muted">{label}</dt>
          <dd className="font-medium break-words text-fg tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function result(v: TrailIntegrityJson): string {
  if (v.status === 'never') return v.running ? 'Running now' : 'Never verified';
  if (v.status === 'failed') {
    return `Tampering found: ${formatCount(v.problem_count)} ${v.problem_count === 1 ? 'problem' : 'problems'}`;
  }
  return 'No tampering found';
}

function kindOf(v: TrailIntegrityJson): string {
  if (v.kind === null) return '—';
  if (v.kind === 'full') return 'Full: every checkpoint and event';
  if (v.checked_from === null) return 'New checkpoints only: none sealed since the run before';
  const last = v.checked_from + v.checked_checkpoints - 1;
  return `New checkpoints only: ${last === v.checked_from ? `#${formatCount(last)}` : `#${formatCount(v.checked_from)}–#${formatCount(last)}`}, chained on from #${formatCount(v.checked_from - 1)}`;
}

/** When the schedule next reads the whole trail: a day after the last full run. */
function nextFull(v: TrailIntegrityJson, now: Date): string {
  if (v.status !== 'verified' || !v.last_full) return 'At the next check';
  const due = new Date(new Date(v.last_full.finished_at).getTime() + FULL_VERIFY_INTERVAL_MS);
  return due.getTime() <= now.getTime() ? 'At the next check' : `By ${formatDateTime(due)}`;
}
