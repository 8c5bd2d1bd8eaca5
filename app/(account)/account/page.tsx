import { Bot } from 'lucide-react';
import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { VerificationBadge } from '@/components/ui/status-badges';
import { getDb } from '@/db/client';
import { listMyActiveConsents } from '@/db/queries/account';
import { requireEndUser } from '@/lib/auth/guards';
import { formatDateTime, timeAgo } from '@/lib/utils';

export const metadata: Metadata = { title: 'Your connected agents' };

function redirectHost(uris: string[]): string | null {
  for (const uri of uris) {
    try {
      return new URL(uri).host;
    } catch {
      // not a URL: try the next one
    }
  }
  return null;
}

export default async function AccountPage() {
  const user = await requireEndUser();
  const consents = await listMyActiveConsents(getDb(), user.orgId, user.issuer, user.sub);
  const now = new Date();
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">Agents acting for you</h1>
        <p className="mt-1 text-sm text-fg-muted">
          AI agents you allowed to use company tools on your behalf, and what each may do.
        </p>
        {user.demo ? (
          <p className="mt-3">
            <Badge tone="warning">Demo end user</Badge>
          </p>
        ) : null}
      </div>
      {consents.length === 0 ? (
        <EmptyState
          icon={Bot}
          title="No agent acts for you yet"
          preview={[
            'Agent name and logo',
            'Verified or not',
            'Permissions in plain words',
            'When you allowed it',
            'Last used',
          ]}
        >
          When you approve an AI agent (a desktop assistant, an IDE agent, a bot) at your
          company&apos;s sign-in page, it appears here with what it may do and what it did lately.
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {consents.map((c) => {
            const host = redirectHost(c.redirectUris);
            return (
              <li key={c.id}>
                <Card className="p-5">
                  <div className="flex items-start gap-3">
                    <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-accent-soft text-accent">
                      <Bot className="size-5" aria-hidden />
                    </span>
                    <div className="min-w-0 flex-1">
                      <h2 className="flex flex-wrap items-center gap-2 font-semibold">
                        <span className="truncate" title={c.agentName ?? c.clientId}>
                          {c.agentName ?? c.clientId}
                        </span>
                        <VerificationBadge status={c.verificationStatus} forEndUser />
                      </h2>
                      <p className="truncate text-xs text-fg-muted" title={host ?? undefined}>
                        {host ? `Returns to ${host}` : 'No redirect address registered'}
                      </p>
                    </div>
                  </div>
                  <ul className="mt-4 space-y-1.5 text-sm" aria-label="Permissions">
                    {c.permissions.map((p) => (
                      <li key={p.scope} title={p.scope} className="flex gap-2">
                        <span aria-hidden className="text-fg-muted">
                          •
                        </span>
                        {p.text}
                      </li>
                    ))}
                  </ul>
                  <p className="mt-4 text-xs text-fg-muted">
                    Allowed{' '}
                    <time title={formatDateTime(c.grantedAt)}>{timeAgo(c.grantedAt, now)}</time>
                    {' · '}
                    {c.lastUsedAt ? (
                      <>
                        last used{' '}
                        <time title={formatDateTime(c.lastUsedAt)}>
                          {timeAgo(c.lastUsedAt, now)}
                        </time>
                      </>
                    ) : (
                      'not used yet'
                    )}
                  </p>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
