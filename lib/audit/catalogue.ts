/**
 * Every audit event type the hub knows, with the words the console shows for it: what sources
 * send (shared/spec/ingestion.md) and what the hub records itself. `insertAuditEvent` takes only
 * these types; sources may still send others (forward compatibility), which the trail keeps and
 * the console shows under "Other". lib/audit/README.md lists them all, checked by a test.
 */

/** The order the console groups types in. */
export const auditCategories = [
  'Agents',
  'Consents & tokens',
  'Tools & MCP servers',
  'Revocations',
  'Sources',
  'Console users & sign-in',
  'Sessions',
  'Account page',
  'API tokens',
  'Audit trail',
] as const;
export type AuditCategory = (typeof auditCategories)[number];

/** Least to most urgent; lib/audit/README.md says what each means. */
export const auditSeverities = ['info', 'notice', 'warning', 'critical'] as const;
export type AuditSeverity = (typeof auditSeverities)[number];

/** Who writes a type: a source through ingestion, or the hub itself. */
export type AuditWriter = 'source' | 'hub';

export type AuditTypeInfo = {
  label: string;
  category: AuditCategory;
  severity: AuditSeverity;
  writer: AuditWriter;
};

const entry =
  <W extends AuditWriter>(writer: W) =>
  (category: AuditCategory, label: string, severity: AuditSeverity) => ({
    label,
    category,
    severity,
    writer,
  });
const source = entry('source');
const hub = entry('hub');

export const auditCatalogue = {
  'client.registered': source('Agents', 'Agent registered', 'info'),
  'client.updated': source('Agents', 'Agent details updated', 'info'),
  'client.deleted': source('Agents', 'Agent deleted', 'notice'),
  'agent.verified': hub('Agents', 'Agent verified', 'notice'),
  'agent.unverified': hub('Agents', 'Agent returned to pending', 'notice'),
  'agent.suspended': hub('Agents', 'Agent suspended', 'warning'),
  'agent.blocked': hub('Agents', 'Agent blocked', 'critical'),
  'agent.reinstated': hub('Agents', 'Agent reinstated', 'notice'),

  'consent.granted': source('Consents & tokens', 'Consent granted', 'info'),
  'consent.revoked': source('Consents & tokens', 'Consent revoked', 'notice'),
  'authorization.denied': source('Consents & tokens', 'Authorization denied', 'warning'),
  'token.issued': source('Consents & tokens', 'Token issued', 'info'),
  'token.revoked': source('Consents & tokens', 'Token revoked', 'notice'),
  'token.reuse_detected': source('Consents & tokens', 'Refresh token reuse detected', 'critical'),
  'token.rejected': source('Consents & tokens', 'Token rejected by an MCP server', 'warning'),
  'admin.consent.revoked': hub('Consents & tokens', 'Consent revoked by an admin', 'warning'),
  'admin.consent.narrowed': hub('Consents & tokens', 'Consent narrowed by an admin', 'notice'),
  'user.consent.revoked': hub('Consents & tokens', 'Consent revoked by its user', 'notice'),
  'user.consent.narrowed': hub('Consents & tokens', 'Consent narrowed by its user', 'notice'),
  'admin.token.revoked': hub('Consents & tokens', 'Token revoked by an admin', 'warning'),
  'admin.token.family_revoked': hub(
    'Consents & tokens',
    'Token family revoked by an admin',
    'warning',
  ),
  'admin.subject.revoked': hub(
    'Consents & tokens',
    'All access of an end user revoked by an admin',
    'warning',
  ),

  'tool.invoked': source('Tools & MCP servers', 'Tool called', 'info'),
  'tool.denied': source('Tools & MCP servers', 'Tool call denied', 'warning'),
  'resource.updated': source('Tools & MCP servers', 'MCP server details updated', 'info'),

  'revocation.applied': source('Revocations', 'Revocations applied by a source', 'info'),
  'revocation.leak_detected': hub('Revocations', 'Revocation not enforced by a server', 'critical'),

  'source.created': hub('Sources', 'Source added', 'notice'),
  'source.enabled': hub('Sources', 'Source enabled', 'notice'),
  'source.disabled': hub('Sources', 'Source disabled', 'warning'),
  'source.updated': hub('Sources', 'Source settings changed', 'notice'),
  'source.secret_rotated': hub('Sources', 'Source signing secret rotated', 'notice'),
  'source.api_key_rotated': hub('Sources', 'Source API key rotated', 'notice'),

  'user.signed_in': hub('Console users & sign-in', 'Signed in to the console', 'info'),
  'user.signed_out': hub('Console users & sign-in', 'Signed out of the console', 'info'),
  'user.sign_in_failed': hub('Console users & sign-in', 'Console sign-in failed', 'warning'),
  'user.sign_in_throttled': hub(
    'Console users & sign-in',
    'Sign-ins paused after repeated failures',
    'warning',
  ),
  'user.created': hub('Console users & sign-in', 'Console user added', 'notice'),
  'user.role_changed': hub('Console users & sign-in', 'Console user’s role changed', 'notice'),
  'user.disabled': hub('Console users & sign-in', 'Console user disabled', 'warning'),
  'user.enabled': hub('Console users & sign-in', 'Console user enabled', 'notice'),
  'user.removed': hub('Console users & sign-in', 'Console user removed', 'warning'),
  'user.password_changed': hub('Console users & sign-in', 'Password changed', 'notice'),
  'user.password_change_limited': hub(
    'Console users & sign-in',
    'Password changes paused after wrong attempts',
    'warning',
  ),

  'session.ended': hub('Sessions', 'Another session signed out', 'info'),
  'user.sessions_ended': hub('Sessions', 'Sessions ended', 'notice'),
  'session.expired': hub('Sessions', 'Session expired', 'info'),

  'end_user.signed_in': hub('Account page', 'Signed in to the account page', 'info'),
  'end_user.signed_out': hub('Account page', 'Signed out of the account page', 'info'),

  'api_token.created': hub('API tokens', 'API token created', 'notice'),
  'api_token.revoked': hub('API tokens', 'API token revoked', 'notice'),

  'audit.exported': hub('Audit trail', 'Audit trail exported', 'notice'),
  'org.retention_changed': hub('Audit trail', 'Audit retention changed', 'notice'),
  'audit.retention.month_dropped': hub(
    'Audit trail',
    'Month of events deleted by retention',
    'warning',
  ),
} as const satisfies Record<string, AuditTypeInfo>;

/** A catalogued type: the only kind `insertAuditEvent` accepts. */
export type AuditEventType = keyof typeof auditCatalogue;

export const auditEventTypes = Object.keys(auditCatalogue) as AuditEventType[];

export function isAuditEventType(type: string): type is AuditEventType {
  return Object.hasOwn(auditCatalogue, type);
}

/** How the console names a type found in the trail; one not catalogued falls under "Other". */
export type AuditTypeView = {
  type: string;
  label: string;
  category: AuditCategory | 'Other';
  severity: AuditSeverity | null;
  known: boolean;
};

export function describeAuditType(type: string): AuditTypeView {
  if (!isAuditEventType(type)) {
    return { type, label: type, category: 'Other', severity: null, known: false };
  }
  const { label, category, severity } = auditCatalogue[type];
  return { type, label, category, severity, known: true };
}
