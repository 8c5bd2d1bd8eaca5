import { Bot } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { countActiveConsents, countAgentFacets, listAgentsPage } from '@/db/queries/agents';
import { agentRows } from '@/lib/agents/rows';
import { parseAgentsView } from '@/lib/agents/table';
import { requireConsole } from '@/lib/auth/guards';
import { offsetOf } from '@/lib/tables/table-params';
import { AgentsTable } from './_components/agents-table';

export const metadata: Metadata = { title: 'Agents' };

export default async function AgentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireConsole('read');
  const db = getDb();
  const { params, grouped, filter, sort } = parseAgentsView(await searchParams);
  const now = new Date();
  const [{ rows, total }, facets] = await Promise.all([
    listAgentsPage(db, actor.orgId, {
      filter,
      sort,
      grouped,
      limit: params.size,
      offset: offsetOf(params),
      now,
    }),
    countAgentFacets(db, actor.orgId, filter, grouped),
  ]);
  const consents = await countActiveConsents(
    db,
    actor.orgId,
    grouped ? { familyKeys: rows.map((r) => r.groupKey) } : { agentIds: rows.map((r) => r.id) },
    now,
  );
  const everything = facets.status.reduce((sum, s) => sum + s.count, 0) + facets.deleted;
  const filtered =
    Boolean(filter.q || filter.family || filter.includeDeleted) ||
    Object.values(params.facets).some((v) => v.length > 0);

  return (
    <>
      <PageHeader
        title="Agents"
        description="Every OAuth client that acts for your users through MCP servers: how it registered, whether you trust it, and what it may do."
      />
      {everything === 0 && !filtered ? (
        <EmptyState
          icon={Bot}
          title="No agents have registered yet"
          preview={[
            'Name and logo',
            'Registration method',
            'Redirect hosts',
            'Verification status',
            'Scopes granted vs used',
            'Consents',
            'Last used',
          ]}
          action={
            <Link href="/sources" className={buttonClasses('secondary')}>
              Connect an authorization server
            </Link>
          }
        >
          Agents appear here when an authorization server reports a registration, by Dynamic Client
          Registration, a Client ID Metadata Document or by hand. Each new agent starts as pending
          until an admin verifies it.
        </EmptyState>
      ) : (
        <AgentsTable
          rows={agentRows(rows, consents, grouped)}
          total={total}
          params={params}
          grouped={grouped}
          family={filter.family ?? null}
          includeDeleted={Boolean(filter.includeDeleted)}
          facets={facets}
          now={now}
        />
      )}
    </>
  );
}
