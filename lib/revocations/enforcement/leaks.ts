import type { LeakView } from '@/db/queries/enforcement';
import { describeLeak } from './words';

/** A leak as `GET /api/v1/revocations/leaks` answers it. */
export function presentLeak(leak: LeakView) {
  return {
    id: leak.id,
    seq: leak.seq.toString(),
    entry_kind: leak.entryKind,
    source_id: leak.sourceId,
    source_name: leak.sourceName,
    source_kind: leak.sourceKind,
    client_id: leak.clientId,
    sub: leak.sub,
    agent_id: leak.agentId,
    events: leak.count,
    refreshes: leak.refreshes,
    first_at: leak.firstAt.toISOString(),
    last_at: leak.lastAt.toISOString(),
    detected_at: leak.detectedAt.toISOString(),
    summary: describeLeak(leak),
  };
}
