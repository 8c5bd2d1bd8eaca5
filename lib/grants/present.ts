import type { ConsentDetail, ConsentHistoryRow } from '@/db/queries/consents';
import type { TokenDetail } from '@/db/queries/tokens';
import { presentRefusedBy } from '@/lib/revocations/refused-by';

/** The management API's shapes of consents and tokens: snake_case, times as RFC 3339. */

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentConsent(c: ConsentDetail) {
  return {
    id: c.id,
    /** the authorization server's own consent id, when it sends one */
    consent_id: c.externalId,
    agent_id: c.agentId,
    agent_name: c.agentName,
    issuer: c.issuer,
    client_id: c.clientId,
    sub: c.sub,
    subject_name: c.subjectName,
    resource: c.resource,
    scopes: c.scopes,
    status: c.state,
    refused_by: presentRefusedBy(c.refusedBy),
    mechanism: c.mechanism,
    granted_at: iso(c.grantedAt),
    expires_at: iso(c.expiresAt),
    revoked_at: iso(c.revokedAt),
    last_used_at: iso(c.lastUsedAt),
  };
}

/** A history row's jsonb `actor`, as lib/grant-state writes it; the answer's schema checks it. */
type HistoryActor = { type: string; id?: string | null; email?: string | null };

export function presentHistory(h: ConsentHistoryRow) {
  return {
    change: h.change,
    occurred_at: iso(h.occurredAt),
    added: h.added,
    removed: h.removed,
    scopes_after: h.scopesAfter,
    actor: (h.actor as HistoryActor | null) ?? null,
    reason: h.reason,
    source_event_id: h.sourceEventId,
  };
}

export function presentToken(t: TokenDetail) {
  return {
    id: t.id,
    token_ref: t.tokenRef,
    token_type: t.tokenType,
    agent_id: t.agentId,
    issuer: t.issuer,
    client_id: t.clientId,
    sub: t.sub,
    consent_id: t.consentId,
    family_id: t.familyId,
    parent_ref: t.parentRef,
    scopes: t.scopes,
    resource: t.resource,
    grant_type: t.grantType,
    state: t.state,
    refused_by: presentRefusedBy(t.refusedBy),
    issued_at: iso(t.issuedAt),
    expires_at: iso(t.expiresAt),
    revoked_at: iso(t.revokedAt),
    revoked_by: t.revokedBy,
    revocation_reason: t.revocationReason,
    family_revoked_at: iso(t.familyRevokedAt),
    last_used_at: iso(t.lastUsedAt),
  };
}

/** The revocation entries an admin's revocation made, as the API answers them. */
export function presentEntries(entries: readonly { seq: bigint; kind: string }[]) {
  return entries.map((e) => ({ seq: e.seq.toString(), kind: e.kind }));
}
