import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listAdminApiTokens } from '@/db/queries/api-tokens';
import { requireConsole } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { formatDateTime, timeAgo } from '@/lib/utils';
import { CreateTokenForm } from './_components/create-token-form';
import { RevokeTokenButton } from './_components/revoke-token-button';

export const metadata: Metadata = { title: 'API tokens' };

function status(t: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) {
  if (t.revokedAt) return <Badge tone="danger">Revoked</Badge>;
  if (t.expiresAt && t.expiresAt <= now) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

export default async function ApiTokensPage() {
  const actor = await requireConsole('read');
  const tokens = await listAdminApiTokens(getDb(), actor.orgId);
  const write = can(actor.role, 'write');
  const now = new Date();
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Admin API tokens"
          description="For automation calling the management API (Authorization: Bearer hub_…). The hub stores only a hash of each."
        />
        {tokens.length === 0 ? (
          <div className="px-5 py-10 text-center">
            <KeyRound className="mx-auto size-6 text-fg-muted" aria-hidden />
            <p className="mt-2 text-sm font-medium">No API tokens yet</p>
            <p className="mt-1 text-sm text-fg-muted">
              Create one for each system that calls the API, so each can be revoked on its own.
            </p>
          </div>
        ) : (
          <ul className="divide-y divide-border">
            {tokens.map((t) => (
              <li
                key={t.id}
                className="flex flex-wrap items-center justify-between gap-3 px-5 py-4"
              >
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                    <span className="truncate" title={t.name}>
                      {t.name}
                    </span>
                    <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs text-fg-muted">
                      {t.prefix}
                    </code>
                    <Badge tone={t.role === 'admin' ? 'accent' : 'neutral'}>{t.role}</Badge>
                    {status(t, now)}
                  </p>
                  <p className="mt-0.5 text-xs text-fg-muted">
                    Created{' '}
                    <time title={formatDateTime(t.createdAt)}>{timeAgo(t.createdAt, now)}</time>
                    {' · '}
                    {t.lastUsedAt ? (
                      <>
                        last used{' '}
                        <time title={formatDateTime(t.lastUsedAt)}>
                          {timeAgo(t.lastUsedAt, now)}
                        </time>
                      </>
                    ) : (
                      'never used'
                    )}
                    {' · '}
                    {t.expiresAt ? (
                      <>
                        expires{' '}
                        <time title={formatDateTime(t.expiresAt)}>{timeAgo(t.expiresAt, now)}</time>
                      </>
                    ) : (
                      'never expires'
                    )}
                  </p>
                </div>
                {write && !t.revokedAt ? <RevokeTokenButton tokenId={t.id} name={t.name} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {write ? (
        <Card>
          <CardHeader
            title="Create an API token"
            description="It acts with the role you choose, in this organization only."
          />
          <CreateTokenForm />
        </Card>
      ) : null}
    </div>
  );
}
