import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Clip, TBody, Td, Th, THead } from '@/components/ui/table';
import type { ScopeRow } from '@/lib/agents/detail';
import { When } from '../../_components/when';
import { formatCount } from '@/lib/format';

/** Least privilege at a glance: what users granted next to what the agent's calls relied on. */
export function ScopesCard({ scopes, now }: { scopes: ScopeRow[]; now: Date }) {
  const granted = scopes.filter((s) => s.granted);
  const unused = granted.filter((s) => s.unused);
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Scopes granted vs used"
        description={
          scopes.length === 0
            ? 'No active consent grants a scope, and no tool call relied on one.'
            : unused.length
              ? `${unused.length} of ${granted.length} granted scope${granted.length === 1 ? '' : 's'} never used by a tool call: more access than this agent needs.`
              : granted.length
                ? `Every granted scope has been used by a tool call.`
                : 'Tool calls relied on these scopes, but no active consent grants them.'
        }
      />
      {scopes.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full table-fixed text-left text-sm" style={{ minWidth: '46rem' }}>
            <caption className="sr-only">Scopes granted and used by this agent</caption>
            <THead>
              <Th>Scope</Th>
              <Th className="w-40">Granted by</Th>
              <Th className="w-28 text-right">Calls</Th>
              <Th className="w-[32%]">Tools</Th>
              <Th className="w-36">Last used</Th>
            </THead>
            <TBody>
              {scopes.map((s) => (
                <tr key={s.scope} className={s.unused ? 'bg-warning-soft/40' : undefined}>
                  <Td>
                    <Clip value={s.scope} mono className="font-medium" />
                    {s.unused ? (
                      <Badge tone="warning" className="mt-1">
                        unused
                      </Badge>
                    ) : null}
                  </Td>
                  <Td className="text-fg-muted">
                    {s.granted
                      ? `${s.consents} consent${s.consents === 1 ? '' : 's'}`
                      : 'no active consent'}
                  </Td>
                  <Td className="text-right tabular-nums">
                    {formatCount(s.calls)}
                    {s.denied ? (
                      <span className="block text-xs text-danger">
                        {formatCount(s.denied)} denied
                      </span>
                    ) : null}
                  </Td>
                  <Td>
                    <Clip value={s.tools.join(', ')} mono />
                  </Td>
                  <Td className="text-fg-muted">
                    <When at={s.lastUsedAt} now={now} never="never" />
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
