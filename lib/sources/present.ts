import type { SourceView } from '@/db/queries/sources';
import { resourcesOf } from './source-input';

export function hubUrl(): string {
  return (process.env.HUB_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(
    /\/+$/,
    '',
  );
}

export function ingestionUrl(sourceId: string): string {
  return `${hubUrl()}/api/v1/sources/${sourceId}/events`;
}

/** A source as the management API answers it: snake_case, never a secret. */
export function presentSource(source: SourceView) {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    issuer: source.issuer,
    resource: source.resource,
    resources: resourcesOf(source),
    revocation_webhook_url: source.revocationWebhookUrl,
    enforces_revocations: source.enforcesRevocations,
    applied_through_seq: source.appliedThroughSeq?.toString() ?? null,
    last_heartbeat_at: source.lastHeartbeatAt?.toISOString() ?? null,
    last_push_delivered_at: source.lastPushDeliveredAt?.toISOString() ?? null,
    status: source.status,
    endpoint_url: ingestionUrl(source.id),
    api_key_prefix: source.apiKeyPrefix,
    rate_limit_per_minute: source.rateLimitPerMinute,
    events: {
      accepted: source.acceptedCount,
      duplicates: source.duplicateCount,
      refused: source.refusedCount,
    },
    last_event_at: source.lastEventAt?.toISOString() ?? null,
    created_at: source.createdAt.toISOString(),
    disabled_at: source.disabledAt?.toISOString() ?? null,
  };
}
