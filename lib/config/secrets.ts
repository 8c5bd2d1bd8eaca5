import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { HubConfig } from './env';

type StoredSecrets = { authSecret: string; encryptionKey: string };

/**
 * AUTH_SECRET and HUB_ENCRYPTION_KEY default to values generated once and kept in HUB_DATA_DIR,
 * so a restart keeps sessions and stored source secrets readable. Hubs that share one PostgreSQL
 * must be given both through the environment instead.
 */
export function resolveSecrets(config: HubConfig): { authSecret: string; encryptionKey: Buffer } {
  if (config.authSecret && config.encryptionKey) {
    return { authSecret: config.authSecret, encryptionKey: config.encryptionKey };
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(config.dataDir, 'secrets.json');
  let stored: StoredSecrets;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  } else {
    stored = {
      authSecret: randomBytes(32).toString('base64url'),
      encryptionKey: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    authSecret: config.authSecret ?? stored.authSecret,
    encryptionKey: config.encryptionKey ?? Buffer.from(stored.encryptionKey, 'base64'),
  };
}
