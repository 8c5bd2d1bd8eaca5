/**
 * The key that encrypts stored source secrets. lib/server/start.ts resolves it (environment or
 * HUB_DATA_DIR) before anything else runs, so a missing key here is a start-up fault.
 */
export function getEncryptionKey(): Buffer {
  const value = process.env.HUB_ENCRYPTION_KEY;
  const key = value ? Buffer.from(value, /^[0-9a-f]{64}$/i.test(value) ? 'hex' : 'base64') : null;
  if (!key || key.length !== 32) throw new Error('HUB_ENCRYPTION_KEY is not set to a 32-byte key');
  return key;
}
