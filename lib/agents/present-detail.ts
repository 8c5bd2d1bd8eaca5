import type { Check } from './checks';
import type { AgentDetail } from './detail';
import { presentAgent } from './present';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** `GET /api/v1/agents/{id}`: the agent, and what the console's agent page shows about it. */
export function presentAgentDetail(d: AgentDetail) {
  return {
    ...presentAgent(d.agent),
    metadata: d.agent.metadata,
    checks: d.checks.map((c) => ({
      kind: c.kind,
      label: c.label,
      result: c.result,
      ok: c.ok,
      detail: c.detail,
    })),
    consents: {
      total: d.consents.total,
      items: d.consents.rows.map((c) => ({
        id: c.id,
        sub: c.sub,
        subject_name: c.subjectName,
        resource: c.resource,
        scopes: c.scopes,
        status: c.status,
        granted_at: iso(c.grantedAt),
        expires_at: iso(c.expiresAt),
        revoked_at: iso(c.revokedAt),
        last_used_at: iso(c.lastUsedAt),
      })),
    },
    token_counts: d.tokens.counts,
    scope_usage: d.scopes.map((s) => ({
      scope: s.scope,
      granted: s.granted,
      active_consents: s.consents,
      calls: s.calls,
      denied: s.denied,
      tools: s.tools,
      last_used_at: iso(s.lastUsedAt),
      unused: s.unused,
    })),
    verification_history: d.verifications.map((v) => ({
      from_status: v.fromStatus,
      to_status: v.toStatus,
      reason: v.reason,
      actor: { type: v.actorType, id: v.actorId, label: v.actorLabel },
      // jsonb: the checks as verification.ts stored them; the answer's schema checks it
      evidence: v.evidence as Check[],
      at: v.createdAt.toISOString(),
    })),
    family: d.family.map((f) => ({
      id: f.id,
      client_id: f.clientId,
      verification_status: f.verificationStatus,
      registered_at: iso(f.registeredAt),
      last_seen_at: iso(f.lastSeenAt),
      deleted_at: iso(f.deletedAt),
      idle: f.idle,
    })),
  };
}
