import Link from 'next/link';
import { Card, CardHeader } from '@/components/ui/card';
import { StateBadge } from '@/components/ui/grant-display';
import { Clip, TBody, Td, Th, THead } from '@/components/ui/table';
import type { AgentDetail } from '@/lib/agents/detail';
import { showInvisible } from '@/lib/agents/invisible';
import { When } from '../../_components/when';
import { ScopeList } from './scope-list';

/** Who let this agent act for them, with what, and whether it still may. */
export function ConsentsCard({
  consents,
  clientId,
  now,
}: {
  consents: AgentDetail['consents'];
  clientId: string;
  now: Date;
}) {
  const { rows, total } = consents;
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Consents by user"
        description={
          total === 0
            ? 'No user has granted this agent anything.'
            : `${total} consent${total === 1 ? '' : 's'}${total > rows.length ? `, the ${rows.length} most relevant shown` : ''}.`
        }
        actions={
          total > 0 ? (
            <Link
              href={`/consents?client_id=${encodeURIComponent(clientId)}`}
              className="text-sm text-accent hover:underline"
            >
              All consents
            </Link>
          ) : null
        }
      />
      {rows.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full table-fixed text-left text-sm" style={{ minWidth: '46rem' }}>
            <caption className="sr-only">Consents of this agent by user</caption>
            <THead>
              <Th>User</Th>
              <Th className="w-[36%]">Scopes</Th>
              <Th className="w-24">Status</Th>
              <Th className="w-32">Granted</Th>
              <Th className="w-36">Last used</Th>
            </THead>
            <TBody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <Td>
                    <Link
                      href={`/consents/${c.id}`}
                      className="block truncate font-medium hover:text-accent hover:underline"
                      title={showInvisible(c.subjectName ?? c.sub)}
                    >
                      {showInvisible(c.subjectName ?? c.sub)}
                    </Link>
                    {c.subjectName ? <Clip value={c.sub} mono className="text-fg-muted" /> : null}
                    {c.resource ? <Clip value={c.resource} mono className="text-fg-muted" /> : null}
                  </Td>
                  <Td>
                    <ScopeList scopes={c.scopes} shown={4} />
                  </Td>
                  <Td>
                    <StateBadge state={c.status} />
                  </Td>
                  <Td className="text-fg-muted">
                    <When at={c.grantedAt} now={now} />
                  </Td>
                  <Td className="text-fg-muted">
                    <When at={c.lastUsedAt} now={now} never="never" />
                  </Td>
                </tr>
              ))}
            </TBody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}
