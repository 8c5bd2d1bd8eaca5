import { Server } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsole } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'MCP servers' };

export default async function Page() {
  await requireConsole('read');
  return (
    <>
      <PageHeader
        title="MCP servers"
        description="The MCP servers your agents call, with their tools and the scopes each tool needs."
      />
      <EmptyState
        icon={Server}
        title="No MCP servers known yet"
        preview={[
          'Server and resource URI',
          'Tools',
          'Required scopes',
          'Scope descriptions',
          'Agents that can call each tool',
        ]}
        action={
          <Link href="/sources" className={buttonClasses('secondary')}>
            Connect an MCP server
          </Link>
        }
      >
        An MCP server appears when it describes itself to the hub: its name, authorization servers,
        tools, and a plain-language description of each scope, which end users see on their own
        page.
      </EmptyState>
    </>
  );
}
