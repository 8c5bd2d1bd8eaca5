import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { listAgentActivity, type ActivityCursor } from '@/db/queries/agent-activity';
import { getAgent, listAgentMetadataChanges } from '@/db/queries/agent-detail';
import { loadAgentDetail } from '@/lib/agents/detail';
import { isUuid } from '@/db/queries/ids';
import { requireConsole } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { AgentHeader } from './_components/agent-header';
import { ConsentsCard } from './_components/consents-card';
import { FamilyCard } from './_components/family-card';
import { MetadataCard } from './_components/metadata-card';
import { RedirectHostsCard } from './_components/redirect-hosts-card';
import { ScopesCard } from './_components/scopes-card';
import { TimelineCard } from './_components/timeline-card';
import { TokensCard } from './_components/tokens-card';
import { VerificationCard } from './_components/verification-card';

type Props = {
  params: Promise<{ agentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const TIMELINE_PAGE = 25;

/** `?before=` of the timeline: an opaque keyset cursor; anything else shows the newest page. */
function readBefore(value: string | string[] | undefined): ActivityCursor | null {
  if (typeof value !== 'string') return null;
  try {
    const [occurredAt, id] = JSON.parse(
      Buffer.from(value, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      typeof occurredAt === 'string' &&
      !Number.isNaN(Date.parse(occurredAt)) &&
      Number.isSafeInteger(id)
    ) {
      return { occurredAt, id: id as number };
    }
  } catch {
    // a hand-edited link: show the newest events
  }
  return null;
}

const writeBefore = (c: ActivityCursor) =>
  Buffer.from(JSON.stringify([c.occurredAt, c.id])).toString('base64url');

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const actor = await requireConsole('read');
  const { agentId } = await params;
  const agent = isUuid(agentId) ? await getAgent(getDb(), actor.orgId, agentId) : null;
  return { title: agent ? (agent.clientName ?? agent.clientId) : 'Agent not found' };
}

export default async function AgentPage({ params, searchParams }: Props) {
  const actor = await requireConsole('read');
  const { agentId } = await params;
  const db = getDb();
  const now = new Date();
  const detail = await loadAgentDetail(db, actor.orgId, agentId, now);
  if (!detail) notFound();
  const { agent } = detail;
  const before = readBefore((await searchParams).before);
  const [history, activity] = await Promise.all([
    listAgentMetadataChanges(db, actor.orgId, agent.id),
    listAgentActivity(db, actor.orgId, agent.id, { before, limit: TIMELINE_PAGE }),
  ]);
  const base = `/agents/${agent.id}`;

  return (
    <>
      <AgentHeader agent={agent} canWrite={can(actor.role, 'write')} />
      <div className="space-y-6">
        <RedirectHostsCard uris={agent.redirectUris} />
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <div className="min-w-0">
            <VerificationCard
              status={agent.verificationStatus}
              checks={detail.checks}
              history={detail.verifications}
            />
          </div>
          <div className="min-w-0 space-y-6">
            <MetadataCard agent={agent} history={history} now={now} />
            <FamilyCard family={detail.family} familyKey={agent.familyKey} now={now} />
          </div>
        </div>
        <ConsentsCard consents={detail.consents} clientId={agent.clientId} now={now} />
        <ScopesCard scopes={detail.scopes} now={now} />
        <TokensCard
          tokens={detail.tokens}
          clientId={agent.clientId}
          refusedBy={agent.refusedBy}
          now={now}
        />
        <TimelineCard
          activity={activity}
          olderHref={activity.next ? `${base}?before=${writeBefore(activity.next)}#timeline` : null}
          newestHref={before ? `${base}#timeline` : null}
        />
      </div>
    </>
  );
}
