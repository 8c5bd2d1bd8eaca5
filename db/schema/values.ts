/** Value tuples shared by the database enums, zod schemas and the browser (via lib/constants). */

export const consoleRoles = ['owner', 'admin', 'auditor'] as const;
export type ConsoleRole = (typeof consoleRoles)[number];

export const consoleUserStatuses = ['active', 'disabled'] as const;
export type ConsoleUserStatus = (typeof consoleUserStatuses)[number];

export const apiTokenRoles = ['admin', 'auditor'] as const;
export type ApiTokenRole = (typeof apiTokenRoles)[number];

export const sourceKinds = ['authorization_server', 'mcp_server', 'gateway'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const sourceStatuses = ['active', 'disabled'] as const;

export const registrationMethods = ['dcr', 'cimd', 'preregistered', 'manual'] as const;
export type RegistrationMethod = (typeof registrationMethods)[number];

export const clientTypes = ['public', 'confidential'] as const;

export const verificationStatuses = ['pending', 'verified', 'suspended', 'blocked'] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

export const consentStatuses = ['active', 'revoked', 'expired'] as const;
export const consentChanges = ['granted', 'widened', 'narrowed', 'revoked'] as const;
export const consentMechanisms = ['interactive', 'policy', 'admin'] as const;

export const tokenTypes = ['access_token', 'refresh_token'] as const;

export const actorTypes = ['user', 'admin', 'agent', 'system', 'policy'] as const;
export type ActorType = (typeof actorTypes)[number];

export const revocationKinds = ['token', 'family', 'grant', 'agent', 'subject'] as const;
export type RevocationKind = (typeof revocationKinds)[number];

export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const;

/** Roles allowed to change anything; `auditor` is read-only everywhere. */
export const writerRoles: readonly ConsoleRole[] = ['owner', 'admin'];

/** A consent's state and what the consents table sorts by (db/queries/consents.ts). */
export const consentStates = ['active', 'refused', 'expired', 'revoked'] as const;
export type ConsentState = (typeof consentStates)[number];
export const consentSortKeys = [
  'agent',
  'subject',
  'resource',
  'status',
  'mechanism',
  'granted',
  'last_used',
] as const;
export type ConsentSortKey = (typeof consentSortKeys)[number];

/** A token's state and what the tokens table sorts by (db/queries/tokens.ts). */
export const tokenStates = ['active', 'refused', 'expired', 'revoked'] as const;
export type TokenState = (typeof tokenStates)[number];
export const tokenSortKeys = [
  'token_ref',
  'type',
  'agent',
  'subject',
  'state',
  'issued',
  'expires',
  'last_used',
] as const;
export type TokenSortKey = (typeof tokenSortKeys)[number];
