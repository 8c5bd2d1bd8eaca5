import { Bot } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsole } from '@/lib/auth/guards';
import { Badge } from '@/components/ui/badge';
import { VerificationBadge } from '@/components/ui/status-badges';
import { Clip, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getDb } from '@/db/client';
import { countAgents, listRecentAgents } from '@/db/queries/agents';
import { formatDateTime, timeAgo } from '@/lib/utils';

export const metadata: Metadata = { title: 'Agents' };

export default async function Page() {
  const actor = await requireConsole('read');
  const db = getDb();
  const [rows, total] = await Promise.all([
    listRecentAgents(db, actor.orgId),
    countAgents(db, actor.orgId),
  ]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Agents"
        description="Every OAuth client that acts for your users through MCP servers: how it registered, whether you trust it, and what it may do."
      />
      {rows.length === 0 ? (
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
        <Table
          footer={`${rows.length < total ? `The ${rows.length} most recently active of ${total}` : `${total}`} agents`}
        >
          <THead>
            <Th>Agent</Th>
            <Th className="w-28">Method</Th>
            <Th className="w-28">Status</Th>
            <Th className="w-56">Redirect hosts</Th>
            <Th className="w-32">Last seen</Th>
          </THead>
          <TBody>
            {rows.map((a) => {
              const hosts = [
                ...new Set(
                  a.redirectUris.map((u) => {
                    try {
                      return new URL(u).host;
                    } catch {
                      return u;
                    }
                  }),
                ),
              ];
              return (
                <tr key={a.id}>
                  <Td>
                    <Clip value={a.clientName ?? a.clientId} className="font-medium" />
                    <Clip value={a.clientId} mono className="text-fg-muted" />
                    {a.reuseDetectedAt || a.passthroughDetectedAt ? (
                      <span className="mt-1 flex flex-wrap gap-1">
                        {a.reuseDetectedAt ? (
                          <Badge tone="danger">refresh token reuse</Badge>
                        ) : null}
                        {a.passthroughDetectedAt ? (
                          <Badge tone="danger">token passthrough</Badge>
                        ) : null}
                      </span>
                    ) : null}
                  </Td>
                  <Td>
                    <Badge>{a.registrationMethod}</Badge>
                  </Td>
                  <Td>
                    <VerificationBadge status={a.verificationStatus} />
                  </Td>
                  <Td>
                    <Clip value={hosts.join(', ')} mono />
                  </Td>
                  <Td className="text-fg-muted">
                    {a.lastSeenAt ? (
                      <time title={formatDateTime(a.lastSeenAt)}>{timeAgo(a.lastSeenAt, now)}</time>
                    ) : (
                      '—'
                    )}
                  </Td>
                </tr>
              );
            })}
          </TBody>
        </Table>
      )}
    </>
  );
}
