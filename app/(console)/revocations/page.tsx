import { Ban } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listDeliveriesOfEntries } from '@/db/queries/revocation-deliveries';
import {
  consoleUserEmails,
  countEntryKinds,
  listRevocationEntriesPage,
} from '@/db/queries/revocations';
import { listSources } from '@/db/queries/sources';
import { requireConsole } from '@/lib/auth/guards';
import { revocationKinds } from '@/lib/constants';
import { adminIdsOf, kindLabels, revocationRows } from '@/lib/revocations/console-rows';
import { loadEnforcement } from '@/lib/revocations/enforcement/load';
import { offsetOf, parseTableParams } from '@/lib/tables/table-params';
import { RevocationsTable } from './_components/revocations-table';
import { revocationTableSpec } from './_components/table-spec';

export const metadata: Metadata = { title: 'Revocations' };

export default async function RevocationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireConsole('read');
  const params = parseTableParams(await searchParams, revocationTableSpec);
  const db = getDb();
  const now = new Date();
  const [{ rows, total }, kinds, sources] = await Promise.all([
    listRevocationEntriesPage(db, actor.orgId, {
      filter: { q: params.q, kinds: params.facets.kind },
      desc: params.sort.desc,
      limit: params.size,
      offset: offsetOf(params),
    }),
    countEntryKinds(db, actor.orgId),
    listSources(db, actor.orgId),
  ]);
  const [deliveries, users, enforcement] = await Promise.all([
    listDeliveriesOfEntries(
      db,
      actor.orgId,
      rows.map((r) => r.id),
    ),
    consoleUserEmails(db, actor.orgId, adminIdsOf(rows)),
    loadEnforcement(db, actor.orgId, rows, now),
  ]);
  const names = { users, sources: new Map(sources.map((s) => [s.id, s.name])) };
  const orgTotal = kinds.reduce((sum, k) => sum + k.count, 0);
  const pushing = sources.filter((s) => s.revocationWebhookUrl && s.status === 'active').length;

  return (
    <>
      <PageHeader
        title="Revocations"
        description={`What the hub told MCP servers and authorization servers to refuse, newest first, and where it is enforced. ${
          pushing === 0
            ? 'No source has a revocation webhook: servers read the feed or the stream.'
            : `${pushing} source${pushing === 1 ? ' receives' : 's receive'} each entry by push; every server can also read the feed or the stream.`
        }`}
      />
      {orgTotal === 0 ? (
        <EmptyState
          icon={Ban}
          title="Nothing has been revoked yet"
          preview={['Kind', 'Refuses', 'Enforced', 'Reason', 'By', 'Revoked']}
          action={
            <Link href="/tokens" className={buttonClasses('secondary')}>
              Review tokens
            </Link>
          }
        >
          An entry appears here whenever a token, a refresh family, a consent or an agent is
          revoked: by an admin here, by an end user, or reported by an authorization server. Each
          one reaches your servers within a second through the feed, the stream and push webhooks.
        </EmptyState>
      ) : (
        <RevocationsTable
          rows={revocationRows(rows, deliveries, names, enforcement)}
          now={now}
          params={params}
          paging={{ kind: 'offset', page: params.page, size: params.size, total }}
          kinds={revocationKinds.map((value) => ({
            value,
            label: kindLabels[value],
            count: kinds.find((k) => k.value === value)?.count ?? 0,
          }))}
        />
      )}
    </>
  );
}
