import { dataSchemas } from '@/lib/ingestion/schemas';

/**
 * The event types the audit page offers as filters before any of them happened: what sources send
 * (shared/spec/ingestion.md) and what the hub records itself. The page adds every type present in
 * the trail, so types written by newer code or sent by a source as extensions show up too.
 */
export const consoleEventTypes = [
  'agent.verified',
  'agent.suspended',
  'agent.blocked',
  'audit.exported',
  'api_token.created',
  'api_token.revoked',
  'end_user.signed_in',
  'end_user.signed_out',
  'org.retention_changed',
  'session.ended',
  'session.expired',
  'source.created',
  'source.disabled',
  'source.enabled',
  'source.api_key_rotated',
  'source.secret_rotated',
  'user.created',
  'user.disabled',
  'user.enabled',
  'user.password_change_limited',
  'user.password_changed',
  'user.removed',
  'user.role_changed',
  'user.sessions_ended',
  'user.sign_in_failed',
  'user.sign_in_throttled',
  'user.signed_in',
  'user.signed_out',
] as const;

export const knownEventTypes: readonly string[] = [
  ...Object.keys(dataSchemas),
  ...consoleEventTypes,
].sort();

/** Outcomes as sources (tool.invoked: ok, error, denied) and the hub (denied, rejected, success) write them. */
export const knownOutcomes: readonly string[] = ['denied', 'error', 'ok', 'rejected', 'success'];

export function mergeNames(known: readonly string[], present: readonly string[]): string[] {
  return [...new Set([...known, ...present])].sort();
}
