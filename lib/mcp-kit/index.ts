export { createHubKit, type HubKit, type HubKitOptions } from './hub-kit';
export { HubReporter, type HubReporterOptions, type ReporterStats } from './reporter';
export { RevocationSet } from './revocation-set';
export { RevocationSync, type RevocationSyncOptions } from './revocation-sync';
export { defaultIdentity, jwtVerifier, tokenHashRef, type JwtVerifierOptions } from './jwt';
export {
  identityOf,
  revocationAwareVerifier,
  TokenRejection,
  type VerifiedToken,
  type VerifyToken,
} from './verifier';
export type { RejectCause, RevocationEntry, TokenIdentity } from './types';
