import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import { StateBadge } from '@/components/ui/grant-display';
import { Clip, TBody, Td, Th, THead } from '@/components/ui/table';
import type { AgentDetail } from '@/lib/agents/detail';
import { When } from '../../_components/when';
import { ScopeList } from './scope-list';
import { formatCount } from '@/lib/format';

/** Token counts by state and the newest few, with the way to all of them. */
export function TokensCard({
  tokens,
  clientId,
  refusedBy,
  now,
}: {
  tokens: AgentDetail['tokens'];
  clientId: string;
  /** the entry that refuses the agent itself, if any */
  refusedBy: AgentDetail['agent']['refusedBy'];
  now: Date;
}) {
  const { counts, latest } = tokens;
  const list = `/tokens?client_id=${encodeURIComponent(clientId)}`;
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Tokens"
        actions={
          latest.length ? (
            <Link href={list} className="text-sm text-accent hover:underline">
              All tokens
            </Link>
          ) : null
        }
      />
      <dl className="grid grid-cols-4 divide-x divide-border border-b border-border text-center">
        {(['active', 'refused', 'expired', 'revoked'] as const).map((state) => (
          <div key={state} className="px-3 py-3">
            <dt className="text-xs text-fg-muted capitalize">{state}</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatCount(counts[state])}</dd>
          </div>
        ))}
      </dl>
      {counts.refused > 0 || refusedBy ? (
        <p className="border-b border-border px-5 py-3 text-sm">
          {counts.refused > 0
            ? `${formatCount(counts.refused)} ${counts.refused === 1 ? 'token is' : 'tokens are'} refused: not expired and not revoked by the authorization server, but covered by a revocation, so servers that follow the hub turn ${counts.refused === 1 ? 'it' : 'them'} away. `
            : null}
          {refusedBy ? (
            <>
              {refusedBy.not_before
                ? 'Tokens issued before the agent was reinstated stay refused'
                : 'Every token of this agent is refused'}{' '}
              (
              <Link href={`/revocations/${refusedBy.seq}`} className="text-accent hover:underline">
                revocation entry #{refusedBy.seq}
              </Link>
              ).
            </>
          ) : null}
        </p>
      ) : null}
      {latest.length === 0 ? (
        <p className="px-5 py-4 text-sm text-fg-muted">No token of this agent has been reported.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full table-fixed text-left text-sm" style={{ minWidth: '46rem' }}>
            <caption className="sr-only">Newest tokens of this agent</caption>
            <THead>
              <Th>Token</Th>
              <Th className="w-48">User</Th>
              <Th className="w-[30%]">Scopes</Th>
              <Th className="w-24">State</Th>
              <Th className="w-36">Issued</Th>
            </THead>
            <TBody>
              {latest.map((t) => (
                <tr key={t.id}>
                  <Td>
                    <Link
                      href={`/tokens/${t.id}`}
                      className="block truncate font-mono text-xs hover:text-accent hover:underline"
                      title={t.tokenRef}
                    >
                      {t.tokenRef}
                    </Link>
                    <span className="text-xs text-fg-muted">
                      {t.tokenType === 'refresh_token' ? 'refresh token' : 'access token'}
                    </span>
                  </Td>
                  <Td>
                    <Clip value={t.sub} mono />
                  </Td>
                  <Td>
                    <ScopeList scopes={t.scopes} shown={3} />
                  </Td>
                  <Td>
                    <StateBadge state={t.status} />
                  </Td>
                  <Td className="text-fg-muted">
                    <When at={t.issuedAt} now={now} />
                  </Td>
                </tr>
              ))}
            </TBody>
          </table>
        </div>
      )}
    </Card>
  );
}
