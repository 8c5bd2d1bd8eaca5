import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import type { Executor } from '@/db/client';
import { auditSigningKeys } from '@/db/schema';

/** The public half, as published: an Ed25519 JWK (RFC 8037) named by its RFC 7638 thumbprint. */
export type PublicSigningJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string };

export type SigningKey = { keyId: string; privateKey: KeyObject; publicJwk: PublicSigningJwk };

const KEY_FILE = 'audit-signing-key.pem';

/**
 * The hub's Ed25519 key for checkpoints: HUB_AUDIT_SIGNING_KEY (a PKCS#8 PEM) when set, else the
 * one generated once into HUB_DATA_DIR. Hubs sharing a PostgreSQL may each have their own: every
 * public key that signed is kept in the database and published.
 */
export async function loadSigningKey(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SigningKey> {
  let pem = env.HUB_AUDIT_SIGNING_KEY;
  if (!pem) {
    const file = path.join(dataDir, KEY_FILE);
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    pem = readFileSync(file, 'utf8');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new Error(
      env.HUB_AUDIT_SIGNING_KEY
        ? 'Invalid configuration: HUB_AUDIT_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM'
        : `The audit signing key in ${path.join(dataDir, KEY_FILE)} cannot be read`,
    );
  }
  return signingKeyOf(privateKey);
}

export async function signingKeyOf(privateKey: KeyObject): Promise<SigningKey> {
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      'Invalid configuration: HUB_AUDIT_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM',
    );
  }
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: x! });
  return { keyId: kid, privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: x!, kid } };
}

/** A fresh key, for tests and benches. */
export function generatedSigningKey(): Promise<SigningKey> {
  return signingKeyOf(generateKeyPairSync('ed25519').privateKey);
}

/** Publishes the public half, once. */
export async function registerSigningKey(db: Executor, key: SigningKey): Promise<void> {
  await db
    .insert(auditSigningKeys)
    .values({ keyId: key.keyId, publicJwk: key.publicJwk })
    .onConflictDoNothing();
}

export async function publishedKeys(db: Executor): Promise<PublicSigningJwk[]> {
  const rows = await db.select().from(auditSigningKeys).orderBy(auditSigningKeys.createdAt);
  return rows.map((r) => r.publicJwk as PublicSigningJwk);
}

export function signPayload(key: SigningKey, payload: string): string {
  return sign(null, Buffer.from(payload, 'utf8'), key.privateKey).toString('base64url');
}

export function verifyPayload(jwk: PublicSigningJwk, payload: string, signature: string): boolean {
  try {
    const publicKey = createPublicKey({
      key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
      format: 'jwk',
    });
    return verify(
      null,
      Buffer.from(payload, 'utf8'),
      publicKey,
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}
