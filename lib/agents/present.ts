import type { RefusedBy } from '@/db/queries/refusals';
import type { Agent } from '@/db/schema';
import { presentRefusedBy } from '@/lib/revocations/refused-by';
import { agentFlags } from './checks';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * An agent as the management API answers it: snake_case, times in RFC 3339; `refused_by` when
 * the read asked for it (the list and the detail do).
 */
export function presentAgent(a: Agent & { refusedBy?: RefusedBy | null }) {
  return {
    id: a.id,
    issuer: a.issuer,
    client_id: a.clientId,
    client_name: a.clientName,
    registration_method: a.registrationMethod,
    client_type: a.clientType,
    application_type: a.applicationType,
    verification_status: a.verificationStatus,
    status_changed_at: iso(a.statusChangedAt),
    not_before: iso(a.notBefore),
    ...('refusedBy' in a ? { refused_by: presentRefusedBy(a.refusedBy) } : {}),
    redirect_uris: a.redirectUris,
    grant_types: a.grantTypes,
    token_endpoint_auth_method: a.tokenEndpointAuthMethod,
    client_uri: a.clientUri,
    logo_uri: a.logoUri,
    software_id: a.softwareId,
    software_version: a.softwareVersion,
    software_statement_iss: a.softwareStatementIss,
    contacts: a.contacts,
    scope: a.scope,
    family_key: a.familyKey,
    flags: agentFlags(a),
    registered_at: iso(a.registeredAt),
    last_seen_at: iso(a.lastSeenAt),
    last_used_at: iso(a.lastUsedAt),
    deleted_at: iso(a.deletedAt),
    reuse_detected_at: iso(a.reuseDetectedAt),
    passthrough_detected_at: iso(a.passthroughDetectedAt),
    denial_count: a.denialCount,
    rejection_count: a.rejectionCount,
    created_at: a.createdAt.toISOString(),
  };
}
