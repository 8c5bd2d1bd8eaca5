import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listAdminApiTokens } from '@/db/queries/api-tokens';
import { requireConsole } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { formatDateTime, timeAgo } from '@/lib/format';
import { CreateTokenForm } from './_components/create-token-form';
import { RevokeTokenButton } from './_components/revoke-token-button';

export const metadata: Metadata = { title: 'API tokens' };

type TokenRow = Awaited<ReturnType<typeof listAdminApiTokens>>[number];

/** Whether the token's maker still vouches for it: personal tokens stop when their maker leaves. */
function makerStopped(t: TokenRow): string | null {
  if (t.service || !t.createdBy) return null;
  if (!t.creatorStatus) return 'Stopped: the person who made it was removed';
  if (t.creatorStatus !== 'active') return 'Paused: the person who made it is disabled';
  return null;
}

function status(t: TokenRow, now: Date) {
  if (t.revokedAt) return <Badge tone="danger">Revoked</Badge>;
  if (t.expiresAt && t.expiresAt <= now) return <Badge tone="warning">Expired</Badge>;
  if (makerStopped(t)) return <Badge tone="warning">Not working</Badge>;
  return <Badge tone="success">Active</Badge>;
}

function owner(t: TokenRow): string {
  if (t.service) return `org service token, made by ${t.creatorEmail ?? 'a former member'}`;
  if (!t.createdBy) return 'made by the hub at start';
  return `personal to ${t.creatorEmail ?? 'a removed user'}`;
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
          description="For automation calling the management API (Authorization: Bearer hub_…). The hub stores only a hash of each. A personal token stops when the person who made it is disabled or removed; an org service token, which only owners make, does not."
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
                  {!t.revokedAt && makerStopped(t) ? (
                    <p className="mt-0.5 text-xs text-warning">{makerStopped(t)}</p>
                  ) : null}
                  <p className="mt-0.5 text-xs text-fg-muted">
                    <span className="break-all">{owner(t)}</span>
                    {' · '}
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
          <CreateTokenForm canMakeService={actor.role === 'owner'} />
        </Card>
      ) : null}
    </div>
  );
}
