import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requireConsole } from '@/lib/auth/guards';
import { isUuid } from '@/db/queries/ids';
import { loadServer } from '@/lib/mcp-servers/load';
import {
  accessTableSpec,
  accessView,
  scopesTableSpec,
  scopesView,
  scopeSummaries,
  serverViews,
  toolChunk,
  toolsTableSpec,
  toolsView,
  type ServerView,
} from '@/lib/mcp-servers/views';
import { parseTableParams } from '@/lib/tables/table-params';
import { cn } from '@/lib/utils';
import { AccessLegend } from '../_components/access-mark';
import { AccessTable } from '../_components/access-table';
import { ScopesTable, ToolsTable } from '../_components/catalog-tables';
import { formatDateTime, timeAgo } from '@/lib/format';

export const metadata: Metadata = { title: 'MCP server' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="mt-0.5 text-sm text-fg">{children}</dd>
    </div>
  );
}

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ serverId: string }>;
  searchParams: Promise<Search>;
}) {
  const actor = await requireConsole('read');
  const { serverId } = await params;
  if (!isUuid(serverId)) notFound();
  const now = new Date();
  const data = await loadServer(getDb(), actor.orgId, serverId, now);
  if (!data) notFound();
  const raw = await searchParams;
  const view: ServerView = serverViews.find((v) => v === first(raw.view)) ?? 'access';
  const { server, tools } = data;
  const title = server.name ?? server.resource;
  const scopeCount = scopeSummaries(data).length;
  const tabs: { view: ServerView; label: string }[] = [
    { view: 'access', label: `Access matrix (${data.access.length} agents)` },
    { view: 'tools', label: `Tools (${tools.length})` },
    { view: 'scopes', label: `Scopes (${scopeCount})` },
  ];

  let table: React.ReactNode;
  if (view === 'access') {
    const p = parseTableParams(raw, accessTableSpec);
    const page = accessView(data, p);
    const chunk = toolChunk(tools, Number(first(raw.tools) ?? 0));
    table = (
      <div className="space-y-3">
        <AccessLegend />
        <AccessTable
          rows={page.rows.map((r) => ({
            id: r.agent.id,
            name: r.agent.name,
            clientId: r.agent.clientId,
            status: r.agent.status,
            callable: r.callable,
            calls: r.calls,
            lastUsedAt: r.lastUsedAt,
            cells: Object.fromEntries(chunk.tools.map((t) => [t.name, r.cells.get(t.name)!])),
          }))}
          tools={chunk.tools.map((t) => ({ name: t.name, requiredScopes: t.requiredScopes }))}
          chunk={{
            index: chunk.index,
            chunks: chunk.chunks,
            from: chunk.from,
            total: tools.length,
          }}
          sort={p.sort}
          paging={{ kind: 'offset', page: p.page, size: p.size, total: page.total }}
          q={p.q}
        />
      </div>
    );
  } else if (view === 'tools') {
    const p = parseTableParams(raw, toolsTableSpec);
    const page = toolsView(data, p);
    table = (
      <ToolsTable
        rows={page.rows}
        sort={p.sort}
        paging={{ kind: 'offset', page: p.page, size: p.size, total: page.total }}
        q={p.q}
      />
    );
  } else {
    const p = parseTableParams(raw, scopesTableSpec);
    const page = scopesView(data, p);
    table = (
      <ScopesTable
        rows={page.rows}
        sort={p.sort}
        paging={{ kind: 'offset', page: p.page, size: p.size, total: page.total }}
        q={p.q}
      />
    );
  }

  return (
    <>
      <Link
        href="/mcp-servers"
        className="mb-3 inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg"
      >
        <ArrowLeft className="size-4" aria-hidden /> All MCP servers
      </Link>
      <PageHeader
        title={title}
        description={<span className="font-mono text-xs break-all">{server.resource}</span>}
      />
      <Card className="mb-6">
        <dl className="grid gap-4 px-5 py-4 sm:grid-cols-2 xl:grid-cols-4">
          <Fact label="Authorization servers">
            {server.authorizationServers.length === 0 ? (
              <span className="text-fg-muted">None published</span>
            ) : (
              <ul className="space-y-0.5">
                {server.authorizationServers.map((as) => (
                  <li key={as} className="font-mono text-xs break-all">
                    {as}
                  </li>
                ))}
              </ul>
            )}
          </Fact>
          <Fact label="Last event">
            {server.lastEventAt ? (
              <time
                dateTime={server.lastEventAt.toISOString()}
                title={formatDateTime(server.lastEventAt)}
              >
                {timeAgo(server.lastEventAt, now)}
              </time>
            ) : (
              <span className="text-fg-muted">Never</span>
            )}
          </Fact>
          <Fact label="Catalog published">
            {server.catalogTime ? formatDateTime(server.catalogTime) : '—'}
          </Fact>
          <Fact label="Who can call a tool">
            An agent whose active consent for this server (or for no resource) grants every scope
            the tool needs, unless it is suspended or blocked.
          </Fact>
        </dl>
      </Card>
      <nav
        aria-label="Views of this server"
        className="mb-4 flex flex-wrap gap-1 border-b border-border"
      >
        {tabs.map((t) => (
          <Link
            key={t.view}
            href={
              t.view === 'access'
                ? `/mcp-servers/${server.id}`
                : `/mcp-servers/${server.id}?view=${t.view}`
            }
            aria-current={view === t.view ? 'page' : undefined}
            className={cn(
              '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
              view === t.view
                ? 'border-accent text-fg'
                : 'border-transparent text-fg-muted hover:text-fg',
            )}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {table}
    </>
  );
}
