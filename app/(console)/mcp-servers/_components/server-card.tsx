import { ArrowRight } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Clip } from '@/components/ui/table';
import type { ServerWithAccess } from '@/lib/mcp-servers/load';
import { formatDateTime, timeAgo } from '@/lib/format';
import { AccessMark } from './access-mark';

const PREVIEW_TOOLS = 6;
const PREVIEW_AGENTS = 5;

const serverHref = (id: string, view?: 'tools' | 'scopes') =>
  `/mcp-servers/${id}${view ? `?view=${view}` : ''}`;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-fg-muted">{label}</dt>
      <dd className="mt-0.5 text-sm text-fg">{children}</dd>
    </div>
  );
}

/** One server on the list: its facts, its first tools and a corner of its access matrix. */
export function ServerCard({ data, now }: { data: ServerWithAccess; now: Date }) {
  const { server, tools, scopes, access } = data;
  const title = server.name ?? server.resource;
  const shownTools = tools.slice(0, PREVIEW_TOOLS);
  const shownAgents = access.slice(0, PREVIEW_AGENTS);
  const withAccess = access.filter((r) => r.callable > 0).length;
  const authServers = server.authorizationServers;
  return (
    <Card className="min-w-0">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4">
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-fg">
            <Link href={serverHref(server.id)} className="hover:underline">
              {title}
            </Link>
          </h2>
          <Clip value={server.resource} mono className="text-fg-muted" />
        </div>
        <Link
          href={serverHref(server.id)}
          className="inline-flex shrink-0 items-center gap-1 text-sm font-medium text-accent hover:underline"
        >
          Access matrix<span className="sr-only"> of {title}</span>
          <ArrowRight className="size-4" aria-hidden />
        </Link>
      </div>
      <dl className="grid gap-4 border-b border-border px-5 py-4 sm:grid-cols-2 xl:grid-cols-4">
        <Fact label="Authorization servers">
          {authServers.length === 0 ? (
            <span className="text-fg-muted">None published</span>
          ) : (
            <>
              <Clip value={authServers[0]} mono />
              {authServers.length > 1 ? (
                <span className="text-xs text-fg-muted">and {authServers.length - 1} more</span>
              ) : null}
            </>
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
        <Fact label="Tools">{tools.length}</Fact>
        <Fact label="Agents that can call a tool">
          {withAccess}{' '}
          <span className="text-fg-muted">of {access.length} with a consent or calls</span>
        </Fact>
      </dl>
      <div className="grid gap-6 p-5 xl:grid-cols-2">
        <section className="min-w-0" aria-label={`Tools of ${title}`}>
          <h3 className="text-xs font-medium text-fg-muted">Tools and the scopes they need</h3>
          {shownTools.length === 0 ? (
            <p className="mt-2 text-sm text-fg-muted">This server has not published any tools.</p>
          ) : (
            <ul className="mt-2 divide-y divide-border">
              {shownTools.map((t) => (
                <li key={t.name} className="py-2">
                  <Clip value={t.name} mono className="text-sm text-fg" />
                  {t.description ? (
                    <p className="line-clamp-2 text-xs text-fg-muted">{t.description}</p>
                  ) : null}
                  <ul className="mt-1 space-y-0.5">
                    {t.requiredScopes.length === 0 ? (
                      <li className="text-xs text-fg-muted">No scope required</li>
                    ) : null}
                    {t.requiredScopes.slice(0, 3).map((sc) => (
                      <li key={sc} className="flex min-w-0 items-baseline gap-2 text-xs">
                        <Badge className="font-mono">{sc}</Badge>
                        <span
                          className="min-w-0 truncate text-fg-muted"
                          title={scopes.get(sc) ?? ''}
                        >
                          {scopes.get(sc) ?? 'No description published'}
                        </span>
                      </li>
                    ))}
                    {t.requiredScopes.length > 3 ? (
                      <li className="text-xs text-fg-muted">
                        and {t.requiredScopes.length - 3} more scopes
                      </li>
                    ) : null}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          {tools.length > PREVIEW_TOOLS ? (
            <Link
              href={serverHref(server.id, 'tools')}
              className="mt-2 inline-block text-sm font-medium text-accent hover:underline"
            >
              +{tools.length - PREVIEW_TOOLS} more tools
            </Link>
          ) : null}
        </section>
        <section className="min-w-0" aria-label={`Who can call the tools of ${title}`}>
          <h3 className="text-xs font-medium text-fg-muted">Who can call what</h3>
          {shownAgents.length === 0 || shownTools.length === 0 ? (
            <p className="mt-2 text-sm text-fg-muted">
              No agent holds a consent for this server or has called it.
            </p>
          ) : (
            <div className="mt-2 overflow-x-auto">
              <table className="w-full table-fixed text-left text-sm" style={{ minWidth: '30rem' }}>
                <caption className="sr-only">
                  Access of the {shownAgents.length} most active agents to the first{' '}
                  {shownTools.length} tools of {title}
                </caption>
                <thead className="text-xs text-fg-muted">
                  <tr>
                    <th scope="col" className="w-36 py-1.5 pr-2 font-medium">
                      Agent
                    </th>
                    {shownTools.map((t) => (
                      <th key={t.name} scope="col" className="px-1 py-1.5 font-medium">
                        <Clip value={t.name} mono />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-border">
                  {shownAgents.map((row) => (
                    <tr key={row.agent.id}>
                      <th scope="row" className="py-1.5 pr-2 font-normal">
                        <Link
                          href={`/agents/${row.agent.id}`}
                          className="block truncate hover:underline"
                          title={row.agent.name}
                        >
                          {row.agent.name}
                        </Link>
                      </th>
                      {shownTools.map((t) => (
                        <td key={t.name} className="px-1 py-1.5">
                          <AccessMark cell={row.cells.get(t.name)} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {access.length > PREVIEW_AGENTS || tools.length > PREVIEW_TOOLS ? (
            <Link
              href={serverHref(server.id)}
              className="mt-2 inline-block text-sm font-medium text-accent hover:underline"
            >
              {access.length > PREVIEW_AGENTS
                ? `+${access.length - PREVIEW_AGENTS} more agents`
                : `All ${tools.length} tools`}{' '}
              in the full matrix
            </Link>
          ) : null}
        </section>
      </div>
    </Card>
  );
}
