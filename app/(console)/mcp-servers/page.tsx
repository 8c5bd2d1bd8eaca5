import { ChevronLeft, ChevronRight, Server } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { TableToolbar, SearchBox } from '@/components/data-table/toolbar';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { countMcpServers } from '@/db/queries/mcp-servers';
import { requireConsole } from '@/lib/auth/guards';
import { loadServerPage } from '@/lib/mcp-servers/load';
import { AccessLegend } from './_components/access-mark';
import { ServerCard } from './_components/server-card';

export const metadata: Metadata = { title: 'MCP servers' };

const PER_PAGE = 10;

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function pageLink(q: string, page: number) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/mcp-servers?${query}` : '/mcp-servers';
}

export default async function Page({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireConsole('read');
  const raw = await searchParams;
  const q = (first(raw.q) ?? '').trim().slice(0, 200);
  const requested = Number(first(raw.page));
  const db = getDb();
  const total = await countMcpServers(db, actor.orgId, q || undefined);
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const page =
    Number.isSafeInteger(requested) && requested >= 1 && requested <= pages ? requested : 1;
  const now = new Date();
  const servers = await loadServerPage(db, actor.orgId, {
    q: q || undefined,
    limit: PER_PAGE,
    offset: (page - 1) * PER_PAGE,
    now,
  });

  const header = (
    <PageHeader
      title="MCP servers"
      description="The MCP servers your agents call: their tools, the scopes each tool needs, and which agents can call what."
    />
  );
  if (total === 0 && !q) {
    return (
      <>
        {header}
        <EmptyState
          icon={Server}
          title="No MCP servers known yet"
          preview={[
            'Server and resource URI',
            'Tools',
            'Required scopes',
            'Scope descriptions',
            'Agents that can call each tool',
          ]}
          action={
            <Link href="/sources" className={buttonClasses('secondary')}>
              Connect an MCP server
            </Link>
          }
        >
          An MCP server appears when it describes itself to the hub: its name, authorization
          servers, tools, and a plain-language description of each scope, which end users see on
          their own page.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {header}
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <TableToolbar>
            <SearchBox placeholder="Search servers" value={q} />
          </TableToolbar>
          <AccessLegend />
        </div>
        {servers.length === 0 ? (
          <p className="rounded-lg border border-dashed border-border px-5 py-10 text-center text-sm text-fg-muted">
            No MCP server matches “{q}”.
          </p>
        ) : (
          servers.map((s) => <ServerCard key={s.server.id} data={s} now={now} />)
        )}
        {pages > 1 ? (
          <nav
            aria-label="Pages"
            className="flex items-center justify-between text-sm text-fg-muted"
          >
            <span>
              Servers {(page - 1) * PER_PAGE + 1}–{(page - 1) * PER_PAGE + servers.length} of{' '}
              {total}
            </span>
            <span className="flex gap-2">
              {page > 1 ? (
                <Link href={pageLink(q, page - 1)} className={buttonClasses('secondary')}>
                  <ChevronLeft className="size-4" aria-hidden /> Previous
                </Link>
              ) : null}
              {page < pages ? (
                <Link href={pageLink(q, page + 1)} className={buttonClasses('secondary')}>
                  Next <ChevronRight className="size-4" aria-hidden />
                </Link>
              ) : null}
            </span>
          </nav>
        ) : null}
      </div>
    </>
  );
}
