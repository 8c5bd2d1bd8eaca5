export {
  createHubKit,
  type HubKit,
  type HubKitOptions,
  type ProtectedResourceMetadata,
  type ToolRefusal,
} from './hub-kit.js';
export { Acknowledger, type AcknowledgerOptions } from './acknowledger.js';
export { HubReporter, type HubReporterOptions, type ReporterStats } from './reporter.js';
export { RevocationSet } from './revocation-set.js';
export {
  RevocationSync,
  type RevocationSyncOptions,
  type SyncEvent,
  type SyncState,
} from './revocation-sync.js';
export { defaultIdentity, jwtVerifier, tokenHashRef, type JwtVerifierOptions } from './jwt.js';
export {
  identityOf,
  revocationAwareVerifier,
  TokenRejection,
  type VerifiedToken,
  type VerifyToken,
} from './verifier.js';
export type {
  AuthInfo,
  OAuthTokenVerifier,
  RejectCause,
  RevocationEntry,
  TokenIdentity,
} from './types.js';
export { bearerMiddleware, type Middleware } from './bearer.js';
export { calledTools, insufficientScopeChallenge, scopesNeeded } from './scope-challenge.js';
