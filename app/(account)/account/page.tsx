import { Bot } from 'lucide-react';
import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { requireEndUser } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Your connected agents' };

export default async function AccountPage() {
  const user = await requireEndUser();
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">Agents acting for you</h1>
        <p className="mt-1 text-sm text-fg-muted">
          AI agents you allowed to use company tools on your behalf. Revoking access here stops them
          everywhere within a second.
        </p>
        {user.demo ? (
          <p className="mt-3">
            <Badge tone="warning">Demo end user</Badge>
          </p>
        ) : null}
      </div>
      <EmptyState
        icon={Bot}
        title="No agent acts for you yet"
        preview={[
          'Agent name and logo',
          'Verified or not',
          'Permissions in plain words',
          'When you allowed it',
          'Last used',
          'Revoke access',
        ]}
      >
        When you approve an AI agent (a desktop assistant, an IDE agent, a bot) at your
        company&apos;s sign-in page, it appears here with what it may do and what it did lately.
      </EmptyState>
    </>
  );
}
