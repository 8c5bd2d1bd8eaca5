import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random credential with a recognisable prefix (`hub_`, `hubsrc_`, `whsec_`). */
export function generateCredential(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * Credentials are 256-bit random, so a plain SHA-256 is a sufficient one-way store (a slow hash
 * guards low-entropy passwords, not these) and allows lookup by hash.
 */
export function hashCredential(credential: string): string {
  return createHash('sha256').update(credential).digest('base64url');
}

/** What lists show of a credential: enough to tell two apart, too little to use. */
export function credentialPrefix(credential: string): string {
  return `${credential.slice(0, credential.indexOf('_') + 5)}…`;
}
