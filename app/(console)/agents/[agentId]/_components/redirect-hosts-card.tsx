import { TriangleAlert } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { isLocalhostOnly, isLoopback, redirectTarget } from '@/lib/agents/hosts';

/** Where the agent's authorization codes go: the first thing to check about an unknown agent. */
export function RedirectHostsCard({ uris }: { uris: string[] }) {
  const byHost = new Map<string, string[]>();
  for (const uri of uris)
    byHost.set(redirectTarget(uri), [...(byHost.get(redirectTarget(uri)) ?? []), uri]);
  const localOnly = isLocalhostOnly(uris);
  return (
    <Card>
      <CardHeader
        title="Redirect hosts"
        description={
          uris.length === 0
            ? 'No redirect URIs: this client never receives authorization codes.'
            : `Where authorization codes are sent: ${byHost.size} host${byHost.size === 1 ? '' : 's'}, ${uris.length} redirect URI${uris.length === 1 ? '' : 's'}.`
        }
      />
      {localOnly ? (
        <div className="mx-5 mt-4 flex gap-2 rounded-md border border-warning/40 bg-warning-soft px-3 py-2 text-sm text-fg">
          <TriangleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
          <p>
            <strong className="font-semibold">Every redirect URI is on localhost.</strong> Any
            program on the user’s machine that listens on that port can receive the authorization
            code, and the hosts say nothing about who publishes this client. Verify it by other
            means before trusting it.
          </p>
        </div>
      ) : null}
      {byHost.size > 0 ? (
        <ul className="flex flex-wrap gap-2 px-5 py-4" aria-label="Redirect hosts">
          {[...byHost].map(([host, list]) => (
            <li
              key={host}
              className="flex max-w-full min-w-0 items-center gap-2 rounded-md border border-border bg-surface-muted px-2.5 py-1.5"
            >
              <span className="truncate font-mono text-sm font-medium" title={host}>
                {host}
              </span>
              {isLoopback(list[0]!) ? <Badge tone="warning">loopback</Badge> : null}
              {host.endsWith('//') ? <Badge>app scheme</Badge> : null}
              {list.length > 1 ? (
                <span className="text-xs text-fg-muted tabular-nums">×{list.length}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {uris.length > 0 ? (
        <details className="border-t border-border px-5 py-3 text-sm">
          <summary className="cursor-pointer text-fg-muted hover:text-fg">
            All {uris.length} redirect URI{uris.length === 1 ? '' : 's'}
          </summary>
          <ul className="mt-2 space-y-1 font-mono text-xs">
            {uris.map((uri) => (
              <li key={uri} className="break-all">
                {uri}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
