import { Server } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsole } from '@/lib/auth/guards';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listMcpServersWithCatalog } from '@/db/queries/mcp-servers';

export const metadata: Metadata = { title: 'MCP servers' };

export default async function Page() {
  const actor = await requireConsole('read');
  const servers = await listMcpServersWithCatalog(getDb(), actor.orgId);
  return (
    <>
      <PageHeader
        title="MCP servers"
        description="The MCP servers your agents call, with their tools and the scopes each tool needs."
      />
      {servers.length === 0 ? (
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
      ) : (
        <div className="space-y-6">
          {servers.map((s) => (
            <Card key={s.id}>
              <CardHeader
                title={s.name ?? s.resource}
                description={<span className="font-mono text-xs">{s.resource}</span>}
              />
              <div className="grid gap-6 p-5 lg:grid-cols-2">
                <div className="min-w-0">
                  <h3 className="text-xs font-medium text-fg-muted">Tools</h3>
                  <ul className="mt-2 divide-y divide-border">
                    {s.tools.map((t) => (
                      <li key={t.name} className="py-2">
                        <p className="font-mono text-sm">{t.name}</p>
                        {t.description ? (
                          <p className="text-xs text-fg-muted">{t.description}</p>
                        ) : null}
                        <p className="mt-1 flex flex-wrap gap-1">
                          {t.requiredScopes.map((sc) => (
                            <Badge key={sc}>{sc}</Badge>
                          ))}
                        </p>
                      </li>
                    ))}
                  </ul>
                </div>
                <div className="min-w-0">
                  <h3 className="text-xs font-medium text-fg-muted">
                    Scopes, as end users read them
                  </h3>
                  <dl className="mt-2 divide-y divide-border">
                    {s.scopes.map((c) => (
                      <div key={c.scope} className="py-2">
                        <dt className="font-mono text-sm">{c.scope}</dt>
                        <dd className="text-xs text-fg-muted">
                          {c.description ?? 'No description published'}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </div>
              </div>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
