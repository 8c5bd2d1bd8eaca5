import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { listTokensPage, tokenFacets, tokenStates, type TokenSortKey } from '@/db/queries/tokens';
import { requireConsole } from '@/lib/auth/guards';
import { tokenTypes } from '@/lib/constants';
import { apiFilterChips, readApiFilters } from '@/lib/grants/table-filters';
import { offsetOf, parseTableParams } from '@/lib/tables/table-params';
import { tokenTypeLabels } from '@/lib/grants/labels';
import { tokenTableSpec } from './_components/table-spec';
import { TokensTable } from './_components/tokens-table';

export const metadata: Metadata = { title: 'Tokens' };

export default async function TokensPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireConsole('read');
  const raw = await searchParams;
  const params = parseTableParams(raw, tokenTableSpec);
  const apiFilters = readApiFilters(raw);
  const db = getDb();
  const now = new Date();
  const [{ rows, total }, facets] = await Promise.all([
    listTokensPage(db, actor.orgId, {
      filter: {
        q: params.q,
        states: params.facets.state,
        types: params.facets.type,
        agentIds: params.facets.agent,
        ...apiFilters,
      },
      sort: { id: params.sort.id as TokenSortKey, desc: params.sort.desc },
      limit: params.size,
      offset: offsetOf(params),
      now,
    }),
    tokenFacets(db, actor.orgId, now),
  ]);
  const orgTotal = facets.states.reduce((sum, s) => sum + s.count, 0);
  const countOf = (list: { value: string; count: number }[], value: string) =>
    list.find((s) => s.value === value)?.count ?? 0;
  return (
    <>
      <PageHeader
        title="Tokens"
        description="Access and refresh tokens the hub knows by reference (never by value): who holds them, for whom, and whether they still work."
      />
      {orgTotal === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No tokens issued yet"
          preview={[
            'Reference',
            'Type',
            'Agent',
            'End user',
            'State',
            'Family',
            'Scopes',
            'Expires',
          ]}
          action={
            <Link href="/sources" className={buttonClasses('secondary')}>
              Connect an authorization server
            </Link>
          }
        >
          Tokens appear as your authorization server reports them. Refresh tokens are grouped into
          families, so a reused refresh token and everything derived from it can be revoked in one
          step.
        </EmptyState>
      ) : (
        <TokensTable
          rows={rows}
          now={now}
          params={params}
          paging={{ kind: 'offset', page: params.page, size: params.size, total }}
          chips={apiFilterChips(apiFilters)}
          facets={{
            state: tokenStates.map((value) => ({ value, count: countOf(facets.states, value) })),
            type: tokenTypes.map((value) => ({
              value,
              label: tokenTypeLabels[value],
              count: countOf(facets.types, value),
            })),
            agent: facets.agents.map((a) => ({ value: a.value, label: a.label, count: a.count })),
          }}
        />
      )}
    </>
  );
}
