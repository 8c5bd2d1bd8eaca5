import { RadioTower } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireConsole } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Sources' };

export default async function Page() {
  await requireConsole('read');
  return (
    <>
      <PageHeader
        title="Sources"
        description="Authorization servers, MCP servers and gateways that push signed events into the hub and receive revocations back."
      />
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
        action={
          <Link href="/settings" className={buttonClasses('secondary')}>
            Review settings
          </Link>
        }
      >
        A source gets its own endpoint URL, a signing secret (Standard Webhooks) and an API key for
        reading revocations. Once registered, its last event, accepted and refused counts, and the
        reasons for refusals appear here.
      </EmptyState>
    </>
  );
}
