import { ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import {
  consentFacets,
  consentStates,
  listConsentsPage,
  type ConsentSortKey,
} from '@/db/queries/consents';
import { requireConsole } from '@/lib/auth/guards';
import { apiFilterChips, readApiFilters } from '@/lib/grants/table-filters';
import { offsetOf, parseTableParams } from '@/lib/tables/table-params';
import { ConsentsTable } from './_components/consents-table';
import { consentTableSpec } from './_components/table-spec';

export const metadata: Metadata = { title: 'Consents' };

export default async function ConsentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireConsole('read');
  const raw = await searchParams;
  const params = parseTableParams(raw, consentTableSpec);
  const apiFilters = readApiFilters(raw);
  const db = getDb();
  const now = new Date();
  const [{ rows, total }, facets] = await Promise.all([
    listConsentsPage(db, actor.orgId, {
      filter: {
        q: params.q,
        states: params.facets.status,
        agentIds: params.facets.agent,
        resources: params.facets.resource,
        ...apiFilters,
      },
      sort: { id: params.sort.id as ConsentSortKey, desc: params.sort.desc },
      limit: params.size,
      offset: offsetOf(params),
      now,
    }),
    consentFacets(db, actor.orgId, now),
  ]);
  const orgTotal = facets.states.reduce((sum, s) => sum + s.count, 0);
  return (
    <>
      <PageHeader
        title="Consents"
        description="What each end user allowed each agent to do, and how that changed over time."
      />
      {orgTotal === 0 ? (
        <EmptyState
          icon={ShieldCheck}
          title="No consents granted yet"
          preview={['Agent', 'End user', 'Resource', 'Scopes', 'Status', 'Granted', 'Last used']}
          action={
            <Link href="/sources" className={buttonClasses('secondary')}>
              Connect an authorization server
            </Link>
          }
        >
          When a user approves an agent at your authorization server, the consent appears here with
          its scopes, and every later widening (step-up) or narrowing is kept in its history.
          Revoking one here cuts the agent off at every connected MCP server.
        </EmptyState>
      ) : (
        <ConsentsTable
          rows={rows}
          now={now}
          params={params}
          paging={{ kind: 'offset', page: params.page, size: params.size, total }}
          chips={apiFilterChips(apiFilters)}
          facets={{
            status: consentStates.map((value) => ({
              value,
              count: facets.states.find((s) => s.value === value)?.count ?? 0,
            })),
            agent: facets.agents.map((a) => ({ value: a.value, label: a.label, count: a.count })),
            resource: facets.resources.map((r) => ({ value: r.value, count: r.count })),
          }}
        />
      )}
    </>
  );
}
