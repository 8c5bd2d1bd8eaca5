/**
 * Who may reach what: every page, server action and API route of the hub, and the exact set of
 * credentials it admits (an API operation's set is derived from its declaration in its route
 * file, lib/access/api-table.ts). The access tests (lib/access/api-access.test.ts for the API in-process,
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

/**
 * The credentials an API operation admits follow from what it declares (lib/access/api-table.ts
 * applies them): by its `access`, and whether its path names one object by id. Another org's
 * admin reaching a first-org id gets 404; on a path without an id it gets its own org's rows.
 */
export const apiAccessRule = {
  public: { list: ANY, object: ANY },
  read: { list: [...READ, ...OTHER], object: READ },
  write: { list: [...WRITE, ...OTHER], object: WRITE },
  'source-key': { list: [...READ, ...OTHER, 'source_key'], object: [...READ, 'source_key'] },
  'source-signature': { list: ['source_signature'], object: ['source_signature'] },
} satisfies Record<string, { list: readonly Credential[]; object: readonly Credential[] }>;

/** API routes that are no operation of the management API: next-auth's own endpoints. */
export const nonOperationApiAccess: Record<string, readonly Credential[]> = {
  'GET /api/auth/[...nextauth]': ANY,
  'POST /api/auth/[...nextauth]': ANY,
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
  'app/(console)/sources/actions.ts#setSourceEnforcesAction': ACT_CONSOLE_WRITE,
  'app/(console)/tokens/actions.ts#revokeTokenAction': ACT_CONSOLE_WRITE,
};

/** The refusals server actions answer with (lib/auth/action.ts). */
export const actionRefusals = [
  'Your session has ended. Sign in again.',
  'Your role may not do this.',
];
