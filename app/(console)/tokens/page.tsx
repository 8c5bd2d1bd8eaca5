import { KeyRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsole } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Tokens' };

export default async function Page() {
  await requireConsole('read');
  return (
    <>
      <PageHeader
        title="Tokens"
        description="Access and refresh tokens the hub knows by reference (never by value): who holds them, for whom, and whether they still work."
      />
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
    </>
  );
}
