import { MCP, timeAt } from '@/lib/testing/events';

export const MCP2 = 'https://docs-mcp.acme.example';
const CLAUDE = 'https://claude.ai/oauth/claude-desktop.json';
const CURSOR = 'dcr-7f3a-cursor';
const NOTES = 'dcr-91bc-notes-bot';
const STRAY = 'dcr-unregistered-helper';

export type ScenarioEvent = { raw: Record<string, unknown>; from: 'as' | 'mcp' };

/**
 * A realistic history of one org, in time order: agents registering by DCR and CIMD (one
 * re-registered and updated, one deleted), consents granted, widened by step-up, narrowed and
 * revoked, refresh-token families with a reuse, a token revoked before its issuance is reported,
 * tool calls with scopes, denials, a wrong-audience rejection and two catalogs of one server.
 */
export function scenario(): ScenarioEvent[] {
  const events: ScenarioEvent[] = [];
  let n = 0;
  const as = (type: string, at: number, data: Record<string, unknown>) =>
    events.push({ from: 'as', raw: envelope(type, at, data) });
  const mcp = (type: string, at: number, data: Record<string, unknown>) =>
    events.push({ from: 'mcp', raw: envelope(type, at, data) });
  const envelope = (type: string, at: number, data: Record<string, unknown>) => ({
    specversion: '1.0',
    id: `scn-${String(++n).padStart(3, '0')}`,
    source: 'https://as.acme.example',
    type,
    time: timeAt(at),
    data,
  });
  const token = (at: number, ref: string, client: string, sub: string, more: object = {}) =>
    as('token.issued', at, {
      token_ref: ref,
      token_type: 'access_token',
      client_id: client,
      sub,
      scopes: ['issues:read'],
      expires_at: timeAt(at + 3600),
      grant_type: 'authorization_code',
      resource: MCP,
      ...more,
    });
  const refresh = (at: number, ref: string, parent: string | null, family: string) =>
    token(at, ref, CLAUDE, 'maya', {
      token_type: 'refresh_token',
      grant_type: parent ? 'refresh_token' : 'authorization_code',
      family_id: family,
      parent_ref: parent,
      consent_id: 'cons-maya-claude',
      expires_at: timeAt(at + 30 * 86400),
    });
  const call = (at: number, client: string, sub: string | null, tool: string, more: object) =>
    mcp('tool.invoked', at, {
      client_id: client,
      ...(sub ? { sub } : {}),
      resource: MCP,
      tool,
      ...more,
    });
  const registration = {
    redirect_uris: ['http://127.0.0.1:33418/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'none',
  };

  mcp('resource.updated', 5, {
    resource: MCP,
    name: 'Acme Issues',
    scopes_supported: ['issues:read', 'issues:write'],
    tools: [{ name: 'create_issue', required_scopes: ['issues:write'] }, { name: 'search' }],
  });
  mcp('resource.updated', 6, {
    resource: MCP2,
    name: 'Acme Docs',
    scopes_supported: ['docs:read'],
  });
  as('com.example.heartbeat', 7, { ok: true });
  as('client.registered', 10, {
    client_id: CLAUDE,
    method: 'cimd',
    client_name: 'Claude Desktop',
    ...registration,
  });
  as('client.registered', 20, {
    client_id: CURSOR,
    method: 'dcr',
    client_name: 'Cursor',
    software_id: 'cursor',
    ...registration,
    redirect_uris: ['cursor://anysphere.cursor-retrieval/oauth/callback'],
  });
  as('client.registered', 30, {
    client_id: NOTES,
    method: 'dcr',
    client_name: 'Notes Bot',
    ...registration,
    token_endpoint_auth_method: 'client_secret_basic',
    contacts: ['ops@acme.example'],
  });
  as('authorization.denied', 33, { client_id: NOTES, error: 'access_denied', sub: 'priya' });
  as('consent.granted', 40, {
    client_id: CLAUDE,
    sub: 'maya',
    scopes: ['issues:read'],
    resource: MCP,
    consent_id: 'cons-maya-claude',
    mechanism: 'interactive',
  });
  refresh(41, 'r1', null, 'fam-maya');
  token(41, 'a1', CLAUDE, 'maya', { consent_id: 'cons-maya-claude' });
  as('consent.granted', 50, {
    client_id: CURSOR,
    sub: 'daniel',
    scopes: ['issues:read', 'repo:read'],
    resource: MCP,
  });
  token(55, 'd1', CURSOR, 'daniel');
  token(55, 'd-r1', CURSOR, 'daniel', { token_type: 'refresh_token', family_id: 'fam-daniel' });
  call(58, CURSOR, 'daniel', 'search', {
    outcome: 'ok',
    scopes: ['issues:read', 'repo:read'],
    token_ref: 'd1',
  });
  call(59, CURSOR, 'daniel', 'search', {
    outcome: 'denied',
    scopes: ['repo:read'],
    token_ref: 'd1',
  });
  as('consent.granted', 60, {
    client_id: CLAUDE,
    sub: 'maya',
    scopes: ['issues:write'],
    resource: MCP,
    consent_id: 'cons-maya-claude',
    mechanism: 'interactive',
    expires_at: timeAt(90 * 86400),
  });
  call(65, CLAUDE, 'maya', 'create_issue', {
    outcome: 'ok',
    scopes: ['issues:write'],
    token_ref: 'a1',
  });
  mcp('tool.denied', 66, {
    client_id: CLAUDE,
    sub: 'maya',
    resource: MCP,
    tool: 'delete_issue',
    required_scopes: ['issues:admin'],
    granted_scopes: ['issues:read', 'issues:write'],
  });
  as('consent.granted', 70, {
    client_id: CLAUDE,
    sub: 'priya',
    scopes: ['docs:read'],
    resource: MCP2,
  });
  token(71, 'p1', CLAUDE, 'priya', { resource: MCP2, scopes: ['docs:read'] });
  as('consent.granted', 80, { client_id: NOTES, sub: 'maya', scopes: ['mail.send'] });
  token(85, 'm1', NOTES, 'maya', { family_id: 'fam-notes', resource: null });
  as('token.revoked', 86, { token_ref: 'm1', family_id: 'fam-notes', reason: 'user signed out' });
  as('consent.revoked', 90, { client_id: NOTES, sub: 'maya', scopes: ['mail.send'] });
  call(90, STRAY, null, 'search', { outcome: 'ok' });
  as('consent.granted', 95, { client_id: NOTES, sub: 'maya', scopes: ['mail.send', 'mail.read'] });
  refresh(100, 'r2', 'r1', 'fam-maya');
  token(100, 'a2', CLAUDE, 'maya', {
    consent_id: 'cons-maya-claude',
    scopes: ['issues:read', 'issues:write'],
  });
  call(110, CLAUDE, 'maya', 'create_issue', {
    outcome: 'ok',
    scopes: ['issues:write'],
    token_ref: 'a2',
  });
  token(120, 'a5', CLAUDE, 'maya', { consent_id: 'cons-maya-claude' });
  as('consent.granted', 120, {
    client_id: NOTES,
    sub: 'daniel',
    scopes: ['docs:read'],
    resource: MCP2,
  });
  token(121, 'n1', NOTES, 'daniel', { resource: MCP2, scopes: ['docs:read'] });
  // A consent granted before the hub listened: its revocation still ends its tokens.
  token(122, 'g1', CLAUDE, 'daniel', { consent_id: 'cons-unseen' });
  as('consent.revoked', 124, { client_id: CLAUDE, sub: 'daniel', consent_id: 'cons-unseen' });
  as('token.revoked', 130, { token_ref: 'a5', reason: 'rotated' });
  as('consent.revoked', 140, { client_id: NOTES, sub: 'daniel', resource: MCP2 });
  as('client.updated', 150, {
    client_id: CLAUDE,
    client_name: 'Claude',
    logo_uri: 'https://claude.ai/logo.png',
  });
  refresh(160, 'r3', 'r2', 'fam-maya');
  token(160, 'a3', CLAUDE, 'maya', { consent_id: 'cons-maya-claude' });
  call(165, CLAUDE, 'maya', 'create_issue', {
    outcome: 'error',
    scopes: ['issues:write'],
    token_ref: 'a3',
  });
  as('token.reuse_detected', 170, { client_id: CLAUDE, family_id: 'fam-maya', sub: 'maya' });
  refresh(175, 'r4', 'r3', 'fam-maya');
  mcp('token.rejected', 180, {
    client_id: CLAUDE,
    resource: MCP2,
    cause: 'wrong_audience',
    token_ref: 'a3',
  });
  mcp('token.rejected', 181, { client_id: CURSOR, resource: MCP, cause: 'expired' });
  as('client.registered', 200, {
    client_id: CLAUDE,
    method: 'cimd',
    client_name: 'Claude Desktop',
    ...registration,
    logo_uri: 'https://claude.ai/logo-v2.png',
    software_version: '1.4.0',
  });
  as('client.updated', 250, { client_id: CLAUDE, software_version: '1.5.0' });
  mcp('resource.updated', 250, {
    resource: MCP,
    name: 'Acme Issues v2',
    scopes_supported: ['issues:read', 'issues:write', 'issues:admin'],
    scope_descriptions: { 'issues:read': 'Read your issues', 'issues:admin': 'Delete issues' },
    tools: [
      { name: 'create_issue', required_scopes: ['issues:write'] },
      { name: 'search', description: 'Find issues' },
      { name: 'delete_issue', required_scopes: ['issues:admin'] },
    ],
  });
  as('consent.revoked', 300, {
    client_id: CLAUDE,
    sub: 'maya',
    consent_id: 'cons-maya-claude',
    scopes: ['issues:write'],
    reason: 'step-down',
  });
  as('consent.revoked', 320, { client_id: CLAUDE, sub: 'priya', reason: 'user revoked access' });
  as('client.deleted', 400, { client_id: CURSOR });
  token(410, 'd2', CURSOR, 'daniel');
  as('client.deleted', 420, { client_id: CURSOR, reason: 'deleted again' });
  return events;
}
