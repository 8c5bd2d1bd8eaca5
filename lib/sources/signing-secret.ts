import { randomBytes } from 'node:crypto';
import { getEncryptionKey } from '@/lib/config/encryption-key';
import { decryptSecret, encryptSecret } from '@/lib/crypto/encryption';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

// The secret row's id is bound into the ciphertext, so a ciphertext copied to another row fails.
const secretContext = (secretId: string) => `source-secret:${secretId}`;

export function sealSigningSecret(secretId: string, secret: string): string {
  return encryptSecret(getEncryptionKey(), secret, secretContext(secretId));
}

export function openSigningSecret(secretId: string, ciphertext: string): string {
  return decryptSecret(getEncryptionKey(), ciphertext, secretContext(secretId));
}
