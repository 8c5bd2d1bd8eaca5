import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSigningKey, signPayload, verifyPayload } from './keys';

const dir = () => mkdtempSync(path.join(tmpdir(), 'seal-keys-'));
const noEnv = {} as NodeJS.ProcessEnv;

describe('loadSigningKey', () => {
  it('generates a key once into the data dir, readable only by the hub, and keeps it', async () => {
    const dataDir = dir();
    const first = await loadSigningKey(dataDir, noEnv);
    const second = await loadSigningKey(dataDir, noEnv);
    expect(second.keyId).toBe(first.keyId);
    expect(statSync(path.join(dataDir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
    const signature = signPayload(first, 'payload');
    expect(verifyPayload(first.publicJwk, 'payload', signature)).toBe(true);
    expect(verifyPayload(first.publicJwk, 'payloaD', signature)).toBe(false);
    expect(JSON.stringify(first.publicJwk)).not.toContain('"d"');
  });

  it('takes HUB_AUDIT_SIGNING_KEY over the file', async () => {
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const dataDir = dir();
    const fromEnv = await loadSigningKey(dataDir, { ...noEnv, HUB_AUDIT_SIGNING_KEY: pem });
    const fromFile = await loadSigningKey(dataDir, noEnv);
    expect(fromEnv.keyId).not.toBe(fromFile.keyId);
    expect(readFileSync(path.join(dataDir, 'audit-signing-key.pem'), 'utf8')).not.toBe(pem);
  });

  it.each([
    ['not a key', 'hello'],
    [
      'an RSA key',
      generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    ],
  ])('refuses %s in HUB_AUDIT_SIGNING_KEY, naming the variable', async (_name, value) => {
    await expect(loadSigningKey(dir(), { ...noEnv, HUB_AUDIT_SIGNING_KEY: value })).rejects.toThrow(
      'Invalid configuration: HUB_AUDIT_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM',
    );
  });
});
