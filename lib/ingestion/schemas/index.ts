import type { z } from 'zod';
import { clientDeleted, clientRegistered, clientUpdated } from './clients';
import {
  authorizationDenied,
  consentGranted,
  consentRevoked,
  tokenIssued,
  tokenReuseDetected,
  tokenRevoked,
} from './grants';
import { resourceUpdated, tokenRejected, toolDenied, toolInvoked } from './resources';
import { revocationApplied } from './revocations';

/** The `data` schema of every event type in shared/spec/ingestion.md. */
export const dataSchemas = {
  'client.registered': clientRegistered,
  'client.updated': clientUpdated,
  'client.deleted': clientDeleted,
  'consent.granted': consentGranted,
  'consent.revoked': consentRevoked,
  'authorization.denied': authorizationDenied,
  'token.issued': tokenIssued,
  'token.revoked': tokenRevoked,
  'token.reuse_detected': tokenReuseDetected,
  'token.rejected': tokenRejected,
  'tool.invoked': toolInvoked,
  'tool.denied': toolDenied,
  'resource.updated': resourceUpdated,
  'revocation.applied': revocationApplied,
} as const;

export type KnownType = keyof typeof dataSchemas;
export type EventData<T extends KnownType> = z.output<(typeof dataSchemas)[T]>;

export function isKnownType(type: string): type is KnownType {
  return Object.hasOwn(dataSchemas, type);
}

export { metadataKeys } from './clients';
export { limits } from './common';
export { tokenRejectionCauses, toolOutcomes } from './resources';
