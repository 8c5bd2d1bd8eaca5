import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card, CardHeader } from '@/components/ui/card';
import { EventList } from '@/components/ui/event-list';
import { Ago, Fact, StateBadge } from '@/components/ui/grant-display';
import { RefusalNote } from '@/components/ui/refusal-note';
import { PageHeader } from '@/components/ui/page-header';
import { Clip } from '@/components/ui/table';
import { getDb } from '@/db/client';
import { decodeAuditCursor } from '@/db/queries/audit-cursor';
import { getConsent, listConsentHistory } from '@/db/queries/consents';
import { listConsentToolCalls, scopeDescriptions } from '@/db/queries/grant-activity';
import { listConsentTokens } from '@/db/queries/token-relations';
import { requireConsole } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { ConsentActions } from '../_components/consent-actions';
import { ConsentTokens } from '../_components/consent-tokens';
import { ScopeHistory } from '../_components/scope-history';

export const metadata: Metadata = { title: 'Consent' };

type Params = { consentId: string };
type Search = Record<string, string | string[] | undefined>;

export default async function ConsentPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Search>;
}) {
  const actor = await requireConsole('read');
  const { consentId } = await params;
  const search = await searchParams;
  const db = getDb();
  const now = new Date();
  const consent = await getConsent(db, actor.orgId, consentId, now);
  if (!consent) notFound();

  const rawCursor = typeof search.calls === 'string' ? search.calls : null;
  const cursor = rawCursor ? decodeAuditCursor(rawCursor) : null;
  const [history, descriptions, tokens, calls] = await Promise.all([
    listConsentHistory(db, actor.orgId, consent.id),
    scopeDescriptions(db, actor.orgId, consent.resource, consent.scopes),
    listConsentTokens(db, actor.orgId, consent.id, 20, now),
    listConsentToolCalls(db, actor.orgId, {
      agentId: consent.agentId,
      subjectId: consent.subjectId,
      resource: consent.resource,
      cursor,
      limit: 25,
    }),
  ]);
  const who = consent.subjectName ?? consent.sub;
  const agent = consent.agentName ?? consent.clientId;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-fg-muted">
        <Link href="/consents" className="hover:text-fg hover:underline">
          Consents
        </Link>
      </nav>
      <PageHeader
        title={`${who} → ${agent}`}
        description={
          <>
            What {who} allowed {agent} to do
            {consent.resource ? ' on ' : ''}
            {consent.resource ? <span className="break-all">{consent.resource}</span> : null}.
          </>
        }
        actions={
          can(actor.role, 'write') ? (
            <ConsentActions
              consent={{
                id: consent.id,
                state: consent.state,
                scopes: consent.scopes,
                who,
                agent,
                issuer: consent.issuer,
                sub: consent.sub,
              }}
            />
          ) : null
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Consent" />
          <dl className="grid gap-x-6 gap-y-3 px-5 py-4 sm:grid-cols-2">
            <Fact label="Agent">
              <Link
                href={`/agents/${consent.agentId}`}
                className="block truncate text-accent hover:underline"
                title={agent}
              >
                {agent}
              </Link>
              <Clip value={consent.clientId} mono className="text-fg-muted" />
            </Fact>
            <Fact label="End user">
              <Clip value={who} />
              {consent.subjectName ? (
                <Clip value={consent.sub} mono className="text-fg-muted" />
              ) : null}
            </Fact>
            <Fact label="Resource" wide>
              <span className="font-mono text-xs break-all">{consent.resource ?? '—'}</span>
            </Fact>
            <Fact label="Status">
              <StateBadge state={consent.state} />
            </Fact>
            {consent.state === 'refused' && consent.refusedBy ? (
              <Fact label="Why it is refused" wide>
                <div className="space-y-1">
                  <RefusalNote refusal={consent.refusedBy} what="consent" />
                </div>
              </Fact>
            ) : null}
            <Fact label="Mechanism">{consent.mechanism ?? '—'}</Fact>
            <Fact label="Granted">
              <Ago date={consent.grantedAt} now={now} />
            </Fact>
            <Fact label="Last used">
              <Ago date={consent.lastUsedAt} now={now} empty="never" />
            </Fact>
            <Fact label="Expires">
              <Ago date={consent.expiresAt} now={now} empty="no expiry" />
            </Fact>
            <Fact label="Revoked">
              <Ago date={consent.revokedAt} now={now} />
            </Fact>
            <Fact label="Issuer">
              <Clip value={consent.issuer} mono />
            </Fact>
            <Fact label="Authorization server’s consent id">
              <Clip value={consent.externalId} mono />
            </Fact>
          </dl>
        </Card>
        <Card>
          <CardHeader
            title="Current permissions"
            description={
              consent.scopes.length === 0
                ? 'Nothing is granted any more.'
                : `${consent.scopes.length} granted`
            }
          />
          <ul
            aria-label="Current permissions"
            className="max-h-96 divide-y divide-border overflow-y-auto"
          >
            {consent.scopes.map((scope) => (
              <li key={scope} className="px-5 py-2">
                <p className="font-mono text-xs break-all">{scope}</p>
                <p className="text-sm text-fg-muted">
                  {descriptions.get(scope) ?? 'No description published'}
                </p>
              </li>
            ))}
          </ul>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader
            title="Scope history"
            description="Every grant, widening, narrowing and revocation, newest first."
          />
          <ScopeHistory rows={history} now={now} />
        </Card>
        <Card>
          <CardHeader
            title="Tokens"
            description={`${tokens.total} issued under this consent`}
            actions={
              tokens.total > tokens.rows.length ? (
                <Link
                  href={`/tokens?client_id=${encodeURIComponent(consent.clientId)}&sub=${encodeURIComponent(consent.sub)}`}
                  className="text-sm text-accent hover:underline"
                >
                  All
                </Link>
              ) : null
            }
          />
          <ConsentTokens rows={tokens.rows} now={now} />
        </Card>
        <Card className="lg:col-span-3">
          <CardHeader
            title="Tool calls"
            description={`Calls ${agent} made for ${who}${consent.resource ? ' on this resource' : ''}, newest first.`}
          />
          <EventList
            label="Tool calls"
            rows={calls.items}
            nextCursor={calls.nextCursor}
            isFirstPage={!cursor}
            hrefFor={(next) => `/consents/${consent.id}${next ? `?calls=${next}` : ''}`}
            now={now}
            empty="No tool calls recorded under this consent."
          />
        </Card>
      </div>
    </>
  );
}
