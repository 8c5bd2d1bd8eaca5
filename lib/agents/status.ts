import { z } from 'zod';
import type { AgentStatusRow } from '@/db/queries/agent-status';

const required = (name: string, max: number) =>
  z
    .string(`${name} is required: name the agent by issuer and client_id.`)
    .min(1, `${name} must not be empty.`)
    .max(max, `${name} is longer than ${max} characters.`);

/** `GET /api/v1/agents/status?issuer=…&client_id=…` (shared/spec/revocation.md). */
export const agentStatusQuery = z.object({
  issuer: required('issuer', 2048),
  client_id: required('client_id', 2048),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The agent's verification status and what the org's policy lets it have, for an authorization
 * server deciding whether to issue a token. The hub has no per-scope policy of its own yet, so:
 * a suspended, blocked or deleted agent may have nothing (`may_issue_tokens` false, no scopes);
 * otherwise the scopes it registered (its RFC 7591 `scope`), or null when it registered none,
 * which leaves the scopes to the authorization server and the user's consent.
 */
export function presentAgentStatus(row: AgentStatusRow) {
  const refused =
    row.verificationStatus === 'suspended' ||
    row.verificationStatus === 'blocked' ||
    row.deletedAt !== null;
  const registered = row.scope?.split(' ').filter(Boolean) ?? null;
  return {
    agent_id: row.id,
    issuer: row.issuer,
    client_id: row.clientId,
    verification_status: row.verificationStatus,
    status_changed_at: iso(row.statusChangedAt),
    deleted_at: iso(row.deletedAt),
    may_issue_tokens: !refused,
    /** tokens issued before it must stay refused (a reinstatement) */
    not_before: iso(row.notBefore),
    allowed_scopes: refused ? [] : registered && registered.length > 0 ? registered : null,
  };
}
