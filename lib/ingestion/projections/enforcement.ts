import type { Acknowledgement } from '@/lib/revocations/enforcement/acknowledge';
import type { LeakEvidence } from '@/lib/revocations/enforcement/detect';
import type { Batch } from '../batch';

/** A batch's `revocation.applied` events, in order, for lib/revocations/enforcement. */
export function acknowledgementsOf(batch: Batch): Acknowledgement[] {
  return batch.of('revocation.applied').map((item) => ({
    eventId: item.event.id,
    throughSeq: BigInt(item.data.through_seq),
    at: item.time,
  }));
}

/**
 * The batch's events that show a token still working at the sending source: successful tool
 * calls of an MCP server or gateway, issuances of an authorization server.
 */
export function leakEvidenceOf(batch: Batch): LeakEvidence[] {
  const base = (item: Batch['items'][number]) => ({
    eventId: item.event.id,
    time: item.time,
    tokenRef: item.data.token_ref ?? null,
    issuer: item.issuer,
    clientId: item.data.client_id ?? null,
    sub: item.data.sub ?? null,
    agentId: item.agentId,
  });
  if (batch.source.kind === 'authorization_server') {
    return batch.of('token.issued').map((item) => ({
      ...base(item),
      familyId: item.data.family_id ?? null,
      issuing: true,
      refresh: item.data.grant_type === 'refresh_token',
    }));
  }
  return batch
    .of('tool.invoked')
    .filter((item) => item.data.outcome === 'ok')
    .map((item) => ({ ...base(item), familyId: null, issuing: false, refresh: false }));
}
