import { randomUUID } from 'node:crypto';
import type { Tx } from '@/db/client';
import type { GrantRevocationRow } from '@/db/queries/ingestion/consents';
import type {
  ConsentGrant,
  FamilyEnd,
  GrantChange,
  TokenEnd,
  TokenIssuance,
} from '@/lib/grant-state/change';
import { consentKey } from '@/lib/grant-state/consent-replay';
import type { Batch } from '../batch';

/**
 * What a batch's events say about grants, as the change lib/grant-state replays: the events are
 * read here, the grant state is kept there. Events naming an agent or subject the batch could not
 * resolve change nothing.
 */
export function grantChangeOf(tx: Tx, batch: Batch): GrantChange {
  return {
    tx,
    orgId: batch.orgId,
    grants: grantsOf(batch),
    revocations: consentRevocationsOf(batch),
    issuances: issuancesOf(batch),
    tokenEnds: batch.of('token.revoked').map((item): TokenEnd => ({
      tokenRef: item.data.token_ref,
      at: item.time,
      reason: item.data.reason ?? 'revoked',
    })),
    familyEnds: familyEndsOf(batch),
  };
}

function grantsOf(batch: Batch): ConsentGrant[] {
  return batch.of('consent.granted').flatMap((item) => {
    if (!item.agentId || !item.subjectId) return [];
    const d = item.data;
    return [
      {
        agentId: item.agentId,
        subjectId: item.subjectId,
        consentId: d.consent_id ?? null,
        resource: d.resource ?? null,
        scopes: d.scopes,
        expiresAt: d.expires_at ?? null,
        mechanism: d.mechanism ?? null,
        at: item.time,
        actor: d.actor ?? null,
        reason: d.reason ?? null,
        eventId: item.event.id,
      },
    ];
  });
}

/** consent.revoked and client.deleted, as stored revocations of consents. */
function consentRevocationsOf(batch: Batch): GrantRevocationRow[] {
  const rows: GrantRevocationRow[] = [];
  for (const item of batch.of('consent.revoked')) {
    if (!item.agentId || !item.subjectId) continue;
    const d = item.data;
    rows.push({
      id: randomUUID(),
      agentId: item.agentId,
      subjectId: item.subjectId,
      // Without consent_id or resource, the revocation is of everything the subject granted
      // the agent.
      consentKey: d.consent_id
        ? consentKey(item.agentId, item.subjectId, d.consent_id, null)
        : null,
      resource: d.resource ?? null,
      scopes: d.scopes ?? null,
      occurredAt: item.time,
      eventType: item.type,
      reason: d.reason ?? null,
      actor: d.actor ?? null,
      sourceEventId: item.event.id,
    });
  }
  for (const item of batch.of('client.deleted')) {
    if (!item.agentId) continue;
    rows.push({
      id: randomUUID(),
      agentId: item.agentId,
      subjectId: null,
      consentKey: null,
      resource: null,
      scopes: null,
      occurredAt: item.time,
      eventType: item.type,
      reason: item.data.reason ?? null,
      actor: item.data.actor ?? null,
      sourceEventId: item.event.id,
    });
  }
  return rows;
}

function issuancesOf(batch: Batch): TokenIssuance[] {
  return batch.of('token.issued').map((item) => {
    const d = item.data;
    return {
      tokenRef: d.token_ref,
      tokenType: d.token_type,
      agentId: item.agentId,
      subjectId: item.subjectId,
      consentKey:
        item.agentId && item.subjectId
          ? consentKey(item.agentId, item.subjectId, d.consent_id, d.resource)
          : null,
      familyId: d.family_id ?? null,
      parentRef: d.parent_ref ?? null,
      scopes: d.scopes,
      resource: d.resource ?? null,
      grantType: d.grant_type,
      issuedAt: item.time,
      expiresAt: d.expires_at,
    };
  });
}

/** A token.revoked naming its family, and a refresh token's reuse, end the family. */
function familyEndsOf(batch: Batch): FamilyEnd[] {
  const ends: FamilyEnd[] = [];
  for (const item of batch.of('token.revoked')) {
    const { family_id: familyId, reason } = item.data;
    if (familyId) ends.push({ familyId, revokedAt: item.time, reason: reason ?? 'family revoked' });
  }
  for (const item of batch.of('token.reuse_detected')) {
    ends.push({
      familyId: item.data.family_id,
      revokedAt: item.time,
      reason: item.data.reason ?? 'refresh token reuse detected',
    });
  }
  return ends;
}
