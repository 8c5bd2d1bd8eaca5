import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Clip, TBody, Td, Th, THead } from '@/components/ui/table';
import type { AttemptView, DeliveryView } from '@/db/queries/revocation-deliveries';
import { clock } from '@/lib/revocations/delivery-status';
import { formatDateTime } from '@/lib/format';

const statusOf = (d: DeliveryView) =>
  d.status === 'delivered'
    ? { tone: 'success' as const, label: `Confirmed at ${clock(d.deliveredAt!)}` }
    : d.status === 'failed'
      ? { tone: 'danger' as const, label: 'Given up after 24 h' }
      : d.attempts === 0
        ? { tone: 'neutral' as const, label: 'Sending' }
        : { tone: 'warning' as const, label: `Retrying at ${clock(d.nextAttemptAt)}` };

/** Each push server of an entry, with every attempt made to reach it, newest first. */
export function ServerAttempts({
  deliveries,
  attempts,
}: {
  deliveries: DeliveryView[];
  attempts: AttemptView[];
}) {
  if (deliveries.length === 0) {
    return (
      <Card>
        <CardHeader
          title="Push servers"
          description="No source had a revocation webhook when this entry was made: servers receive it through the feed and the stream."
        />
      </Card>
    );
  }
  return (
    <>
      {deliveries.map((d) => {
        const status = statusOf(d);
        const own = attempts.filter((a) => a.deliveryId === d.id);
        return (
          <Card key={d.id} className="overflow-hidden">
            <CardHeader
              title={
                <span className="flex flex-wrap items-center gap-2">
                  {d.sourceName}
                  <Badge tone={status.tone}>{status.label}</Badge>
                </span>
              }
              description={<span className="font-mono text-xs break-all">{d.targetUrl}</span>}
            />
            {own.length === 0 ? (
              <p className="px-5 pb-4 text-sm text-fg-muted">Not attempted yet.</p>
            ) : (
              <div className="overflow-x-auto">
                <table
                  className="w-full table-fixed text-left text-sm"
                  style={{ minWidth: '40rem' }}
                >
                  <caption className="sr-only">Delivery attempts to {d.sourceName}</caption>
                  <THead>
                    <Th className="w-64">Attempted</Th>
                    <Th className="w-24">Answer</Th>
                    <Th className="w-24 text-right">Took</Th>
                    <Th>Result</Th>
                  </THead>
                  <TBody>
                    {own.map((a, i) => (
                      <tr key={`${a.attemptedAt.toISOString()}-${i}`}>
                        <Td className="whitespace-nowrap">{formatDateTime(a.attemptedAt)}</Td>
                        <Td className="font-mono">{a.statusCode ?? '—'}</Td>
                        <Td className="text-right tabular-nums">
                          {a.durationMs === null ? '—' : `${a.durationMs} ms`}
                        </Td>
                        <Td>
                          <Clip value={a.error ?? (a.statusCode ? 'delivered' : null)} />
                        </Td>
                      </tr>
                    ))}
                  </TBody>
                </table>
              </div>
            )}
          </Card>
        );
      })}
    </>
  );
}
