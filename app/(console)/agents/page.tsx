import { Bot } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsole } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Agents' };

export default async function Page() {
  await requireConsole('read');
  return (
    <>
      <PageHeader
        title="Agents"
        description="Every OAuth client that acts for your users through MCP servers: how it registered, whether you trust it, and what it may do."
      />
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
    </>
  );
}
