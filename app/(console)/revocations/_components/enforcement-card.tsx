import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { TBody, Td, Th, THead } from '@/components/ui/table';
import type { LeakView } from '@/db/queries/enforcement';
import type { EntryEnforcement } from '@/lib/revocations/enforcement/load';
import type { EnforcementStatus } from '@/lib/revocations/enforcement/status';
import {
  describeLeak,
  describeSourceStatus,
  statusLabels,
} from '@/lib/revocations/enforcement/words';
import { formatDateTime } from '@/lib/format';

const tones: Record<EnforcementStatus, BadgeTone> = {
  applied: 'success',
  pending: 'neutral',
  unreachable: 'warning',
  not_enforcing: 'danger',
  unknown: 'warning',
};

const kindWords = {
  authorization_server: 'Authorization server',
  mcp_server: 'MCP server',
  gateway: 'Gateway',
};

/** Every source that should enforce the entry, with its status in words, and its leaks. */
export function EnforcementCard({
  enforcement,
  leaks,
}: {
  enforcement: EntryEnforcement;
  leaks: LeakView[];
}) {
  const rows = enforcement.enforcement;
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Where it is enforced"
        description="Every MCP server and gateway of your organization should refuse what this entry names, and so should the authorization server of its issuer. Servers confirm by acknowledging the entries they applied, or by answering its push."
      />
      {rows.length === 0 ? (
        <p className="px-5 pb-4 text-sm text-fg-muted">
          No MCP server, gateway or authorization server is registered yet.{' '}
          <Link href="/sources" className="text-accent hover:underline">
            Add a source
          </Link>
          .
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full table-fixed text-left text-sm" style={{ minWidth: '40rem' }}>
            <caption className="sr-only">Enforcement of this entry per server</caption>
            <THead>
              <Th className="w-56">Server</Th>
              <Th className="w-40">Status</Th>
              <Th>What the hub knows</Th>
            </THead>
            <TBody>
              {rows.map((e) => (
                <tr key={e.source.id}>
                  <Td>
                    <div className="font-medium">{e.source.name}</div>
                    <div className="text-xs text-fg-muted">{kindWords[e.source.kind]}</div>
                  </Td>
                  <Td>
                    <Badge tone={tones[e.status]}>{statusLabels[e.status]}</Badge>
                  </Td>
                  <Td className={e.counted ? '' : 'text-fg-muted'}>{describeSourceStatus(e)}</Td>
                </tr>
              ))}
            </TBody>
          </table>
        </div>
      )}
      {leaks.length > 0 ? (
        <ul className="grid gap-2 border-t border-border px-5 py-4 text-sm">
          {leaks.map((l) => (
            <li key={l.id}>
              <span className="font-medium text-danger">{describeLeak(l)}.</span>{' '}
              <span className="text-fg-muted">
                First at {formatDateTime(l.firstAt)}, last at {formatDateTime(l.lastAt)}.
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
