import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Fact } from '@/components/ui/grant-display';
import { PageHeader } from '@/components/ui/page-header';
import { Clip } from '@/components/ui/table';
import { getDb } from '@/db/client';
import { listLeaksOfEntries } from '@/db/queries/enforcement';
import { listAttempts, listDeliveriesOfEntries } from '@/db/queries/revocation-deliveries';
import { consoleUserEmails, getRevocationEntryBySeq } from '@/db/queries/revocations';
import { listSources } from '@/db/queries/sources';
import { requireConsole } from '@/lib/auth/guards';
import { actorOf, adminIdsOf, kindLabels, targetOf } from '@/lib/revocations/console-rows';
import { loadEnforcement } from '@/lib/revocations/enforcement/load';
import { describeEnforcement } from '@/lib/revocations/enforcement/words';
import { seqParam } from '@/lib/revocations/feed-query';
import { formatDateTime } from '@/lib/format';
import { DeliveryStatus } from '../_components/delivery-status';
import { EnforcementCard } from '../_components/enforcement-card';
import { ServerAttempts } from '../_components/server-attempts';

export const metadata: Metadata = { title: 'Revocation entry' };

export default async function RevocationEntryPage({
  params,
}: {
  params: Promise<{ seq: string }>;
}) {
  const actor = await requireConsole('read');
  const parsed = seqParam.safeParse((await params).seq);
  if (!parsed.success) notFound();
  const db = getDb();
  const entry = await getRevocationEntryBySeq(db, actor.orgId, parsed.data);
  if (!entry) notFound();
  const [deliveries, users, sources, enforcements, leaks] = await Promise.all([
    listDeliveriesOfEntries(db, actor.orgId, [entry.id]),
    consoleUserEmails(db, actor.orgId, adminIdsOf([entry])),
    listSources(db, actor.orgId),
    loadEnforcement(db, actor.orgId, [entry]),
    listLeaksOfEntries(db, actor.orgId, [entry.id]),
  ]);
  const enforcement = enforcements.get(entry.id)!;
  const attempts = await listAttempts(
    db,
    actor.orgId,
    deliveries.map((d) => d.id),
  );
  const names = { users, sources: new Map(sources.map((s) => [s.id, s.name])) };
  const summary = describeEnforcement(enforcement.enforcement, enforcement.summary);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-fg-muted">
        <Link href="/revocations" className="hover:text-fg hover:underline">
          Revocations
        </Link>
      </nav>
      <PageHeader
        title={`Entry ${entry.seq} · ${kindLabels[entry.kind] ?? entry.kind}`}
        description={<DeliveryStatus {...summary} />}
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader title="What servers must refuse" />
          <dl className="grid gap-x-6 gap-y-3 px-5 py-4 sm:grid-cols-3">
            <Fact label="Kind">
              <Badge>{kindLabels[entry.kind] ?? entry.kind}</Badge>
            </Fact>
            <Fact label="Refuses" wide>
              <Clip value={targetOf(entry)} mono />
            </Fact>
            <Fact label="Issuer">
              <Clip value={entry.issuer} mono />
            </Fact>
            <Fact label="Revoked at">{formatDateTime(entry.revokedAt)}</Fact>
            <Fact label="Still accepted">
              {entry.notBefore ? (
                `tokens issued from ${formatDateTime(entry.notBefore)}`
              ) : (
                <span className="text-fg-muted">none: every matching token is refused</span>
              )}
            </Fact>
            <Fact label="By">{actorOf(entry, names)}</Fact>
            <Fact label="Reason" wide>
              {entry.reason ?? <span className="text-fg-muted">none given</span>}
            </Fact>
          </dl>
        </Card>
        <EnforcementCard enforcement={enforcement} leaks={leaks} />
        <ServerAttempts deliveries={deliveries} attempts={attempts} />
      </div>
    </>
  );
}
