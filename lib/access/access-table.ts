/**
 * Who may reach what: every page, server action and API route of the hub, and the exact set of
 * credentials it admits. The access tests (lib/access/api-access.test.ts for the API in-process,
 * e2e/access.spec.ts for pages, actions and session-authenticated API calls) discover the routes
 * from app/ and the build's server-reference manifest, so a new page, action or route without an
 * entry here fails them. Ids in dynamic segments belong to the first org; the other org's admin
 * reaching one of them is refused (404), never shown the data.
 */

export const credentials = [
  'none',
  /** a demo end user's session (the /account page) */
  'end_user',
  'auditor',
  'admin',
  'owner',
  /** an admin of another org, signed in to the console */
  'other_org_admin',
  'auditor_token',
  'admin_token',
  'other_org_admin_token',
  'revoked_token',
  'expired_token',
  /** a source API key (`hubsrc_…`) */
  'source_key',
  /** a Standard Webhooks signature made with the source's signing secret */
  'source_signature',
] as const;

export type Credential = (typeof credentials)[number];

/** Console sessions: the cookie, with the role read from the database. */
export const sessionCredentials: readonly Credential[] = [
  'end_user',
  'auditor',
  'admin',
  'owner',
  'other_org_admin',
];

const ANY = credentials;
const OTHER: Credential[] = ['other_org_admin', 'other_org_admin_token'];
const READ: Credential[] = ['auditor', 'admin', 'owner', 'auditor_token', 'admin_token'];
const WRITE: Credential[] = ['admin', 'owner', 'admin_token'];
/** the org's own lists and searches: another org's admin gets its own org's (other) rows */
const READ_OWN_ORG = [...READ, ...OTHER];
const SOURCE_READ = [...READ_OWN_ORG, 'source_key'] satisfies Credential[];

/** `METHOD /api/…` as the file path spells it (dynamic segments in brackets). */
export const apiAccess: Record<string, readonly Credential[]> = {
  'GET /api/auth/[...nextauth]': ANY,
  'POST /api/auth/[...nextauth]': ANY,
  'GET /api/health': ANY,
  'GET /api/v1/openapi.json': ANY,
  'GET /api/v1/agents': READ_OWN_ORG,
  'GET /api/v1/agents/[agentId]': READ,
  'POST /api/v1/agents/[agentId]/verification': WRITE,
  // the org-1 agent's (issuer, client_id) is unknown in the other org: 404
  'GET /api/v1/agents/status': [...READ, 'source_key'],
  'GET /api/v1/audit-events': READ_OWN_ORG,
  'GET /api/v1/audit-events/export': READ_OWN_ORG,
  // public on purpose: whoever holds an export must be able to check it
  'GET /api/v1/audit/keys': ANY,
  'GET /api/v1/audit/sealed-export': READ_OWN_ORG,
  'GET /api/v1/audit/verification': READ_OWN_ORG,
  'POST /api/v1/audit/verification': READ_OWN_ORG,
  'GET /api/v1/consents': READ_OWN_ORG,
  'GET /api/v1/consents/[consentId]': READ,
  'POST /api/v1/consents/[consentId]/revoke': WRITE,
  'GET /api/v1/mcp-servers': READ_OWN_ORG,
  'GET /api/v1/mcp-servers/[serverId]': READ,
  'GET /api/v1/overview': READ_OWN_ORG,
  'GET /api/v1/revocations': SOURCE_READ,
  'GET /api/v1/revocations/stream': SOURCE_READ,
  'POST /api/v1/revocations/check': SOURCE_READ,
  'GET /api/v1/revocations/[seq]/deliveries': READ,
  'GET /api/v1/sources': READ_OWN_ORG,
  'POST /api/v1/sources': [...WRITE, ...OTHER],
  'GET /api/v1/sources/[sourceId]': READ,
  'POST /api/v1/sources/[sourceId]/rotate-secret': WRITE,
  'POST /api/v1/sources/[sourceId]/rotate-api-key': WRITE,
  'POST /api/v1/sources/[sourceId]/events': ['source_signature'],
  // the org-1 subject is unknown in the other org: 404
  'POST /api/v1/subjects/revoke': WRITE,
  'GET /api/v1/tokens': READ_OWN_ORG,
  'GET /api/v1/tokens/[tokenId]': READ,
  'POST /api/v1/tokens/[tokenId]/revoke': WRITE,
};

const CONSOLE: Credential[] = ['auditor', 'admin', 'owner', 'other_org_admin'];
const CONSOLE_ORG_ONE: Credential[] = ['auditor', 'admin', 'owner'];

/** Page paths as the app/ tree spells them, route groups left out. */
export const pageAccess: Record<string, readonly Credential[]> = {
  '/login': ANY,
  '/change-password': CONSOLE,
  '/account': ['end_user'],
  '/': CONSOLE,
  '/agents': CONSOLE,
  '/agents/[agentId]': CONSOLE_ORG_ONE,
  '/audit': CONSOLE,
  '/audit/integrity': CONSOLE,
  '/consents': CONSOLE,
  '/consents/[consentId]': CONSOLE_ORG_ONE,
  '/mcp-servers': CONSOLE,
  '/mcp-servers/[serverId]': CONSOLE_ORG_ONE,
  '/revocations': CONSOLE,
  '/revocations/[seq]': CONSOLE_ORG_ONE,
  '/settings': CONSOLE,
  '/settings/api-tokens': CONSOLE,
  '/settings/sessions': CONSOLE,
  '/settings/users': CONSOLE,
  '/sources': CONSOLE,
  '/tokens': CONSOLE,
  '/tokens/[tokenId]': CONSOLE_ORG_ONE,
};

/** Pages anyone may open (signed-in visitors are sent on, which is not a refusal). */
export const publicPages = new Set(['/login']);

const ACT_CONSOLE_WRITE: Credential[] = ['admin', 'owner', 'other_org_admin'];

/**
 * `file#export` of every server action. Called with empty input, so an admitted caller gets a
 * validation message; the cross-org and cross-subject cases send real ids (e2e/access.spec.ts).
 */
export const actionAccess: Record<string, readonly Credential[]> = {
  'app/(auth)/actions.ts#signOutAction': ANY,
  'app/(auth)/login/actions.ts#loginAction': ANY,
  'app/(auth)/login/actions.ts#ssoSignInAction': ANY,
  'app/(auth)/login/actions.ts#demoSignInAction': ANY,
  'app/(auth)/change-password/actions.ts#changePasswordAction': CONSOLE,
  'app/(account)/account/actions.ts#revokeAgentAction': ['end_user'],
  'app/(account)/account/actions.ts#removePermissionAction': ['end_user'],
  'app/(console)/agents/[agentId]/actions.ts#changeAgentStatusAction': ACT_CONSOLE_WRITE,
  // reads only: auditors may verify the trail
  'app/(console)/audit/integrity/actions.ts#verifyTrailAction': CONSOLE,
  'app/(console)/consents/actions.ts#revokeConsentAction': ACT_CONSOLE_WRITE,
  'app/(console)/consents/actions.ts#revokeSubjectAction': ACT_CONSOLE_WRITE,
  'app/(console)/settings/actions.ts#updateRetentionAction': ACT_CONSOLE_WRITE,
  'app/(console)/settings/api-tokens/actions.ts#createApiTokenAction': ACT_CONSOLE_WRITE,
  'app/(console)/settings/api-tokens/actions.ts#revokeApiTokenAction': ACT_CONSOLE_WRITE,
  'app/(console)/settings/users/actions.ts#addConsoleUserAction': ['owner'],
  'app/(console)/settings/users/actions.ts#changeUserRoleAction': ['owner'],
  'app/(console)/settings/users/actions.ts#setUserStatusAction': ['owner'],
  'app/(console)/settings/users/actions.ts#removeUserAction': ['owner'],
  'app/(console)/settings/users/actions.ts#endUserSessionsAction': ['owner'],
  // everyone signed in to the console may sign their own sessions out
  'app/(console)/settings/sessions/actions.ts#endSessionAction': CONSOLE,
  'app/(console)/settings/sessions/actions.ts#endOtherSessionsAction': CONSOLE,
  'app/(console)/sources/actions.ts#createSourceAction': ACT_CONSOLE_WRITE,
  'app/(console)/sources/actions.ts#rotateSourceSecretAction': ACT_CONSOLE_WRITE,
  'app/(console)/sources/actions.ts#rotateSourceApiKeyAction': ACT_CONSOLE_WRITE,
  'app/(console)/sources/actions.ts#setSourceEnabledAction': ACT_CONSOLE_WRITE,
  'app/(console)/tokens/actions.ts#revokeTokenAction': ACT_CONSOLE_WRITE,
};

/** The refusals server actions answer with (lib/auth/action.ts). */
export const actionRefusals = [
  'Your session has ended. Sign in again.',
  'Your role may not do this.',
];
