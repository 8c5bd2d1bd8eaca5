import { ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsole } from '@/lib/auth/guards';
import { Badge } from '@/components/ui/badge';
import { Clip, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getDb } from '@/db/client';
import { countConsents, listRecentConsents } from '@/db/queries/grants';
import { formatDateTime, timeAgo } from '@/lib/utils';

export const metadata: Metadata = { title: 'Consents' };

export default async function Page() {
  const actor = await requireConsole('read');
  const db = getDb();
  const [rows, total] = await Promise.all([
    listRecentConsents(db, actor.orgId),
    countConsents(db, actor.orgId),
  ]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Consents"
        description="What each end user allowed each agent to do, and how that changed over time."
      />
      {rows.length === 0 ? (
        <EmptyState
          icon={ShieldCheck}
          title="No consents granted yet"
          preview={['End user', 'Agent', 'Scopes', 'Resource', 'Granted', 'Last used', 'Status']}
          action={
            <Link href="/sources" className={buttonClasses('secondary')}>
              Connect an authorization server
            </Link>
          }
        >
          When a user approves an agent at your authorization server, the consent appears here with
          its scopes, and every later widening (step-up) or narrowing is kept in its history.
          Revoking one here cuts the agent off at every connected MCP server.
        </EmptyState>
      ) : (
        <Table
          footer={`${rows.length < total ? `The ${rows.length} most recent of ${total}` : total} consents`}
        >
          <THead>
            <Th>End user</Th>
            <Th>Agent</Th>
            <Th>Scopes</Th>
            <Th className="w-24">Status</Th>
            <Th className="w-32">Granted</Th>
          </THead>
          <TBody>
            {rows.map((c) => (
              <tr key={c.id}>
                <Td>
                  <Clip value={c.subjectName ?? c.sub} />
                  <Clip value={c.sub} mono className="text-fg-muted" />
                </Td>
                <Td>
                  <Clip value={c.agentName ?? c.clientId} />
                  <Clip value={c.resource} mono className="text-fg-muted" />
                </Td>
                <Td>
                  <Clip value={c.scopes.join(' ')} mono />
                </Td>
                <Td>
                  <Badge
                    tone={
                      c.status === 'active'
                        ? 'success'
                        : c.status === 'revoked'
                          ? 'danger'
                          : 'neutral'
                    }
                  >
                    {c.status}
                  </Badge>
                </Td>
                <Td className="text-fg-muted">
                  <time title={formatDateTime(c.grantedAt)}>{timeAgo(c.grantedAt, now)}</time>
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
