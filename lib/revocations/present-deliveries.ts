import type { AttemptView, DeliveryView } from '@/db/queries/revocation-deliveries';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** An entry's push deliveries with their attempts, as the management API answers them. */
export function presentDeliveries(deliveries: DeliveryView[], attempts: AttemptView[]) {
  return deliveries.map((d) => ({
    source_id: d.sourceId,
    source_name: d.sourceName,
    url: d.targetUrl,
    status: d.status,
    attempts: d.attempts,
    delivered_at: iso(d.deliveredAt),
    next_attempt_at: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    last_error: d.lastError,
    history: attempts
      .filter((a) => a.deliveryId === d.id)
      .map((a) => ({
        attempted_at: a.attemptedAt.toISOString(),
        status_code: a.statusCode,
        error: a.error,
        duration_ms: a.durationMs,
      })),
  }));
}
