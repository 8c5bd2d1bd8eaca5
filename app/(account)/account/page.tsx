import { Bot } from 'lucide-react';
import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/db/client';
import { listMyActiveConsents, listRecentCalls } from '@/db/queries/account';
import { groupByAgent } from '@/lib/account/present';
import { requireEndUser } from '@/lib/auth/guards';
import { MyAgentCard } from './_components/my-agent-card';

export const metadata: Metadata = { title: 'Your connected agents' };

export default async function AccountPage() {
  const user = await requireEndUser();
  const db = getDb();
  const consents = await listMyActiveConsents(db, user);
  const agentIds = [...new Set(consents.map((c) => c.agentId))];
  const recent = consents[0]
    ? await listRecentCalls(db, user.orgId, consents[0].subjectId, agentIds)
    : [];
  const agents = groupByAgent(consents, recent);
  const now = new Date();
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">Agents acting for you</h1>
        <p className="mt-1 text-sm text-fg-muted">
          AI agents you allowed to use company tools on your behalf, and what each may do.
        </p>
        {user.demo ? (
          <p className="mt-3">
            <Badge tone="warning">Demo end user</Badge>
          </p>
        ) : null}
      </div>
      {agents.length === 0 ? (
        <EmptyState
          icon={Bot}
          title="No agent acts for you yet"
          preview={[
            'Agent name and logo',
            'Verified or not',
            'Permissions in plain words',
            'When you allowed it',
            'Last used',
          ]}
        >
          When you approve an AI agent (a desktop assistant, an IDE agent, a bot) at your
          company&apos;s sign-in page, it appears here with what it may do and what it did lately.
        </EmptyState>
      ) : (
        <ul className="space-y-4">
          {agents.map((agent) => (
            <li key={agent.agentId}>
              <MyAgentCard agent={agent} now={now} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
