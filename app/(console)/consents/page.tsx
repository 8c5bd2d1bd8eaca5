import { ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsole } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Consents' };

export default async function Page() {
  await requireConsole('read');
  return (
    <>
      <PageHeader
        title="Consents"
        description="What each end user allowed each agent to do, and how that changed over time."
      />
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
        its scopes, and every later widening (step-up) or narrowing is kept in its history. Revoking
        one here cuts the agent off at every connected MCP server.
      </EmptyState>
    </>
  );
}
