import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsole } from '@/lib/auth/guards';
import { LifecycleBadge } from '@/components/ui/status-badges';
import { Clip, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { getDb } from '@/db/client';
import { countTokens, listRecentTokens } from '@/db/queries/grants';
import { formatDateTime, timeAgo } from '@/lib/utils';

export const metadata: Metadata = { title: 'Tokens' };

export default async function Page() {
  const actor = await requireConsole('read');
  const db = getDb();
  const [rows, total] = await Promise.all([
    listRecentTokens(db, actor.orgId),
    countTokens(db, actor.orgId),
  ]);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Tokens"
        description="Access and refresh tokens the hub knows by reference (never by value): who holds them, for whom, and whether they still work."
      />
      {rows.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No tokens issued yet"
          preview={[
            'Reference',
            'Type',
            'Agent',
            'End user',
            'Scopes',
            'Expires',
            'Family',
            'Status',
          ]}
          action={
            <Link href="/sources" className={buttonClasses('secondary')}>
              Connect an authorization server
            </Link>
          }
        >
          Tokens appear as your authorization server reports them. Refresh tokens are grouped into
          families, so a reused refresh token and everything derived from it can be revoked in one
          step.
        </EmptyState>
      ) : (
        <Table
          footer={`${rows.length < total ? `The ${rows.length} most recent of ${total}` : total} tokens`}
        >
          <THead>
            <Th>Reference</Th>
            <Th>Agent · end user</Th>
            <Th className="w-40">Family</Th>
            <Th className="w-24">Status</Th>
            <Th className="w-32">Issued</Th>
          </THead>
          <TBody>
            {rows.map((t) => (
              <tr key={t.id}>
                <Td>
                  <Clip value={t.tokenRef} mono />
                  <span className="text-xs text-fg-muted">
                    {t.tokenType?.replace('_', ' ') ?? 'unknown type'}
                  </span>
                </Td>
                <Td>
                  <Clip value={t.agentName ?? t.clientId} />
                  <Clip value={t.sub} mono className="text-fg-muted" />
                </Td>
                <Td>
                  <Clip value={t.familyId} mono />
                </Td>
                <Td>
                  <LifecycleBadge revokedAt={t.revokedAt} expiresAt={t.expiresAt} now={now} />
                </Td>
                <Td className="text-fg-muted">
                  {t.issuedAt ? (
                    <time title={formatDateTime(t.issuedAt)}>{timeAgo(t.issuedAt, now)}</time>
                  ) : (
                    '—'
                  )}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
