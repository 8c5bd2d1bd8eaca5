import { RadioTower } from 'lucide-react';
import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { newestRevocationSeq } from '@/db/queries/enforcement';
import { listRecentRefusals, listSources } from '@/db/queries/sources';
import { requireConsole } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { ingestionUrl } from '@/lib/sources/present';
import { describePosition } from '@/lib/revocations/enforcement/words';
import { formatCount, formatDateTime, timeAgo } from '@/lib/format';
import { CreateSourceForm } from './_components/create-source-form';
import { SourceActions } from './_components/source-actions';

export const metadata: Metadata = { title: 'Sources' };

const kindLabels = {
  authorization_server: 'Authorization server',
  mcp_server: 'MCP server',
  gateway: 'Gateway',
} as const;

export default async function SourcesPage() {
  const actor = await requireConsole('read');
  const db = getDb();
  const sources = await listSources(db, actor.orgId);
  const refusals = await listRecentRefusals(
    db,
    actor.orgId,
    sources.map((s) => s.id),
    3,
  );
  const newest = await newestRevocationSeq(db, actor.orgId);
  const write = can(actor.role, 'write');
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Sources"
        description="Authorization servers, MCP servers and gateways that push signed events into the hub and receive revocations back."
      />
      {sources.length === 0 ? (
        <EmptyState
          icon={RadioTower}
          title="No sources registered yet"
          preview={[
            'Name and kind',
            'Issuer or resource',
            'Endpoint URL',
            'Last event',
            'Accepted / refused',
            'Revocation webhook',
            'Status',
          ]}
        >
          A source gets its own endpoint URL, a signing secret (Standard Webhooks) and an API key
          for reading revocations. Once registered, its last event, accepted and refused counts, and
          the reasons for refusals appear here.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {sources.map((s) => {
            const mine = refusals.filter((r) => r.sourceId === s.id).slice(0, 3);
            return (
              <Card key={s.id}>
                <div className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4">
                  <div className="min-w-0 flex-1">
                    <h2 className="flex flex-wrap items-center gap-2 text-sm font-semibold">
                      <span className="truncate" title={s.name}>
                        {s.name}
                      </span>
                      <Badge tone="accent">{kindLabels[s.kind]}</Badge>
                      {s.status === 'active' ? (
                        <Badge tone="success">Active</Badge>
                      ) : (
                        <Badge tone="danger">Disabled</Badge>
                      )}
                    </h2>
                    <p
                      className="mt-1 truncate font-mono text-xs text-fg-muted"
                      title={s.issuer ?? s.resource ?? ''}
                    >
                      {s.issuer ?? s.resource ?? 'No issuer or resource given'}
                    </p>
                  </div>
                  {write ? (
                    <SourceActions
                      source={{
                        id: s.id,
                        name: s.name,
                        status: s.status,
                        enforcesRevocations: s.enforcesRevocations,
                      }}
                    />
                  ) : null}
                </div>
                <dl className="grid gap-x-6 gap-y-3 px-5 py-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
                  <div className="min-w-0 sm:col-span-2">
                    <dt className="text-xs text-fg-muted">Endpoint URL</dt>
                    <dd className="truncate font-mono text-xs" title={ingestionUrl(s.id)}>
                      {ingestionUrl(s.id)}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-fg-muted">Last event</dt>
                    <dd>
                      {s.lastEventAt ? (
                        <time title={formatDateTime(s.lastEventAt)}>
                          {timeAgo(s.lastEventAt, now)}
                        </time>
                      ) : (
                        'Never'
                      )}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-fg-muted">Accepted · duplicates · refused</dt>
                    <dd className="tabular-nums">
                      {formatCount(s.acceptedCount)} · {formatCount(s.duplicateCount)} ·{' '}
                      <span className={s.refusedCount ? 'text-danger' : undefined}>
                        {formatCount(s.refusedCount)}
                      </span>
                    </dd>
                  </div>
                  <div className="min-w-0 sm:col-span-2">
                    <dt className="text-xs text-fg-muted">Revocation webhook</dt>
                    <dd className="truncate font-mono text-xs" title={s.revocationWebhookUrl ?? ''}>
                      {s.revocationWebhookUrl ?? 'None: the server reads the feed or stream'}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-fg-muted">API key</dt>
                    <dd className="font-mono text-xs">{s.apiKeyPrefix}</dd>
                  </div>
                  <div className="min-w-0 sm:col-span-2">
                    <dt className="text-xs text-fg-muted">Revocations applied</dt>
                    <dd>{describePosition(s, newest)}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-fg-muted">Last heartbeat</dt>
                    <dd>
                      {s.lastHeartbeatAt ? (
                        <time title={formatDateTime(s.lastHeartbeatAt)}>
                          {timeAgo(s.lastHeartbeatAt, now)}
                        </time>
                      ) : (
                        'Never'
                      )}
                    </dd>
                  </div>
                </dl>
                {mine.length ? (
                  <div className="border-t border-border px-5 py-3">
                    <p className="text-xs font-medium text-fg-muted">Last refusals</p>
                    <ul className="mt-1 space-y-1">
                      {mine.map((r) => (
                        <li
                          key={`${r.at.toISOString()}-${r.reason}`}
                          className="flex gap-3 text-xs"
                        >
                          <Badge tone="danger">{r.status}</Badge>
                          <span className="min-w-0 flex-1 truncate" title={r.reason}>
                            {r.reason}
                          </span>
                          <time className="shrink-0 text-fg-muted" title={formatDateTime(r.at)}>
                            {timeAgo(r.at, now)}
                          </time>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </Card>
            );
          })}
        </div>
      )}
      {write ? (
        <Card className="mt-6">
          <CardHeader
            title="Register a source"
            description="Its endpoint URL, signing secret and API key are shown once, with a signed test event to copy."
          />
          <CreateSourceForm />
        </Card>
      ) : null}
    </>
  );
}
