import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card, CardHeader } from '@/components/ui/card';
import { EventList } from '@/components/ui/event-list';
import { Ago, Fact, StateBadge } from '@/components/ui/grant-display';
import { PageHeader } from '@/components/ui/page-header';
import { RefusalNote } from '@/components/ui/refusal-note';
import { Clip } from '@/components/ui/table';
import { getDb } from '@/db/client';
import { decodeAuditCursor } from '@/db/queries/audit-cursor';
import { listTokenEvents } from '@/db/queries/grant-activity';
import { listFamily } from '@/db/queries/token-relations';
import { getToken } from '@/db/queries/tokens';
import { requireConsole } from '@/lib/auth/guards';
import { can } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';
import { FamilyTree } from '../_components/family-tree';
import { tokenTypeLabels } from '@/lib/grants/labels';
import { TokenActions } from '../_components/token-actions';

export const metadata: Metadata = { title: 'Token' };

const endedBy: Record<string, string> = {
  token: 'Its own revocation',
  family: 'The revocation of its refresh family',
  agent: 'The deletion of its agent',
  consent: 'The end of its consent',
};

export default async function TokenPage({
  params,
  searchParams,
}: {
  params: Promise<{ tokenId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireConsole('read');
  const { tokenId } = await params;
  const search = await searchParams;
  const db = getDb();
  const now = new Date();
  const token = await getToken(db, actor.orgId, tokenId, now);
  if (!token) notFound();

  const rawCursor = typeof search.events === 'string' ? search.events : null;
  const cursor = rawCursor ? decodeAuditCursor(rawCursor) : null;
  const [family, events] = await Promise.all([
    token.familyId ? listFamily(db, actor.orgId, token.familyId, now) : null,
    listTokenEvents(db, actor.orgId, token, { cursor, limit: 25 }),
  ]);
  const parent = token.parentRef ? family?.rows.find((t) => t.tokenRef === token.parentRef) : null;
  const agent = token.agentName ?? token.clientId;
  const type = token.tokenType ? tokenTypeLabels[token.tokenType]! : 'token';

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-fg-muted">
        <Link href="/tokens" className="hover:text-fg hover:underline">
          Tokens
        </Link>
      </nav>
      <PageHeader
        title={`${type[0]!.toUpperCase()}${type.slice(1)}`}
        description={<span className="font-mono text-xs break-all">{token.tokenRef}</span>}
        actions={
          can(actor.role, 'write') ? (
            <TokenActions
              token={{
                id: token.id,
                revoked: token.revokedAt !== null,
                familyId: token.familyId,
                familyRevoked: token.familyRevokedAt !== null,
              }}
            />
          ) : null
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Token" />
          <dl className="grid gap-x-6 gap-y-3 px-5 py-4 sm:grid-cols-2">
            <Fact label="State">
              <StateBadge state={token.state} />
            </Fact>
            <Fact label="Grant type">{token.grantType ?? '—'}</Fact>
            <Fact label="Agent">
              {token.agentId ? (
                <Link
                  href={`/agents/${token.agentId}`}
                  className="block truncate text-accent hover:underline"
                  title={agent ?? ''}
                >
                  {agent}
                </Link>
              ) : (
                <span className="text-fg-muted">not reported</span>
              )}
              <Clip value={token.clientId} mono className="text-fg-muted" />
            </Fact>
            <Fact label="End user">
              <Clip value={token.subjectName ?? token.sub ?? 'none (the agent acts for itself)'} />
              {token.subjectName ? <Clip value={token.sub} mono className="text-fg-muted" /> : null}
            </Fact>
            <Fact label="Consent">
              {token.consentId ? (
                <Link href={`/consents/${token.consentId}`} className="text-accent hover:underline">
                  Open the consent
                </Link>
              ) : (
                <span className="text-fg-muted">not linked</span>
              )}
            </Fact>
            <Fact label="Resource">
              <Clip value={token.resource} mono />
            </Fact>
            <Fact label="Issued">
              <Ago date={token.issuedAt} now={now} empty="not reported" />
            </Fact>
            <Fact label="Expires">
              <Ago date={token.expiresAt} now={now} />
            </Fact>
            <Fact label="Last used">
              <Ago date={token.lastUsedAt} now={now} empty="never" />
            </Fact>
            <Fact label="Refresh family">
              <Clip value={token.familyId} mono />
            </Fact>
            <Fact label="Refreshed from" wide>
              {parent ? (
                <Link
                  href={`/tokens/${parent.id}`}
                  className="block truncate font-mono text-xs text-accent hover:underline"
                  title={parent.tokenRef}
                >
                  {parent.tokenRef}
                </Link>
              ) : (
                <Clip value={token.parentRef} mono />
              )}
            </Fact>
            <Fact label={`Scopes (${token.scopes.length})`} wide>
              <p className="max-h-40 overflow-y-auto font-mono text-xs break-all">
                {token.scopes.join(' ') || '—'}
              </p>
            </Fact>
          </dl>
        </Card>
        <Card>
          <CardHeader
            title={
              token.revokedAt
                ? 'Why it ended'
                : token.state === 'refused'
                  ? 'Why it is refused'
                  : 'Validity'
            }
          />
          <div className="space-y-2 px-5 py-4 text-sm">
            {token.revokedAt ? (
              <>
                <p className="font-medium">{endedBy[token.revokedBy ?? ''] ?? 'A revocation'}</p>
                <p>
                  <span className="text-fg-muted">Reason: </span>
                  <span className="break-words">{token.revocationReason ?? 'none given'}</span>
                </p>
                <p className="text-fg-muted">{formatDateTime(token.revokedAt)}</p>
              </>
            ) : token.state === 'expired' ? (
              <p>It expired {formatDateTime(token.expiresAt!)} and was never revoked.</p>
            ) : token.state === 'refused' && token.refusedBy ? (
              <RefusalNote refusal={token.refusedBy} what="token" />
            ) : (
              <p>Yes: nothing has ended it, and it has not expired.</p>
            )}
            {token.refusedBy && token.state !== 'refused' ? (
              <p className="text-fg-muted">
                Also covered by{' '}
                <Link
                  href={`/revocations/${token.refusedBy.seq}`}
                  className="text-accent hover:underline"
                >
                  revocation entry #{token.refusedBy.seq}
                </Link>
                .
              </p>
            ) : null}
            {token.familyRevokedAt ? (
              <p className="text-fg-muted">
                Its family was revoked {formatDateTime(token.familyRevokedAt)}.
              </p>
            ) : null}
          </div>
        </Card>
        {family ? (
          <Card className="lg:col-span-3">
            <CardHeader
              title="Refresh family"
              description={
                <>
                  {family.total} tokens share the family{' '}
                  <span className="font-mono text-xs break-all">{token.familyId}</span>, ordered by
                  refresh.
                </>
              }
            />
            <FamilyTree rows={family.rows} total={family.total} currentId={token.id} now={now} />
          </Card>
        ) : null}
        <Card className="lg:col-span-3">
          <CardHeader
            title="Events with this token"
            description="Its issuance, the tool calls made with it and its revocation, newest first."
          />
          <EventList
            label="Events with this token"
            rows={events.items}
            nextCursor={events.nextCursor}
            isFirstPage={!cursor}
            hrefFor={(next) => `/tokens/${token.id}${next ? `?events=${next}` : ''}`}
            now={now}
            empty="No event names this token."
          />
        </Card>
      </div>
    </>
  );
}
