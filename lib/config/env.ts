import path from 'node:path';
import { z } from 'zod';
import { consoleRoles, type ConsoleRole } from '@/lib/constants';
import { parseTrustedProxies, type TrustedProxies } from '@/lib/server/client-address';

/** A set-but-invalid variable: the start stops with `message`, one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleClaim: string;
  /** claim value → console role; a user with none of them signs in as an end user */
  roleValues: ReadonlyMap<string, ConsoleRole>;
};

export type HubConfig = {
  port: number;
  hubUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  authSecret: string | null;
  encryptionKey: Buffer | null;
  adminEmail: string | null;
  adminPassword: string | null;
  initAdminApiToken: string | null;
  oidc: OidcConfig | null;
  /** `true`/`false` when HUB_DEMO is set; `null` means "only for an empty embedded database" */
  demo: boolean | null;
  /** reverse proxies whose X-Forwarded-For names the client; empty: the socket's address */
  trustedProxies: TrustedProxies;
  /** HUB_ALLOW_PRIVATE_TARGETS=1: outbound calls may reach loopback and private networks */
  allowPrivateTargets: boolean;
  sessions: SessionLimits;
};

/** How long a signed-in session lasts: idle (since it was last used) and at most (since sign-in). */
export type SessionLimits = { idleTimeoutSeconds: number; maxAgeSeconds: number };

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleTimeoutSeconds: 12 * 60 * 60,
  maxAgeSeconds: 7 * 24 * 60 * 60,
};

export const DEFAULT_OIDC_ROLE_VALUES = 'hub-owners=owner,hub-admins=admin,hub-auditors=auditor';
export const MIN_ADMIN_PASSWORD_LENGTH = 12;
export const ADMIN_API_TOKEN_PATTERN = /^hub_[A-Za-z0-9_-]{32,200}$/;

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | null {
  const value = env[name];
  return value === undefined || value === '' ? null : value;
}

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL (got "${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http(s) URL (got "${value}")`);
  }
  return value.replace(/\/+$/, '');
}

function parsePort(value: string | null): number {
  if (value === null) return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', `must be an integer between 1 and 65535 (got "${value}")`);
  }
  return port;
}

function parseEncryptionKey(value: string | null): Buffer | null {
  if (value === null) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value, 'base64');
  if (
    key.length !== 32 ||
    (!/^[0-9a-fA-F]{64}$/.test(value) && !/^[A-Za-z0-9+/_-]+=*$/.test(value))
  ) {
    throw new ConfigError(
      'HUB_ENCRYPTION_KEY',
      'must be 32 bytes, written as 64 hex digits or base64 (generate one with `openssl rand -base64 32`)',
    );
  }
  return key;
}

function parseDatabaseUrl(value: string | null): string | null {
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      'DATABASE_URL',
      `must be a postgres:// URL (got scheme "${url.protocol}")`,
    );
  }
  return value;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * A duration as a whole number with a unit: `90s`, `30m`, `12h`, `7d`; a bare number is seconds.
 * One format for every duration variable, so `HUB_SESSION_MAX_AGE=7d` reads as it means.
 */
export function parseDuration(name: string, value: string): number {
  const match = /^(\d{1,9})([smhd]?)$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * DURATION_UNITS[match[2] || 's']! : NaN;
  if (!match || seconds < 60) {
    throw new ConfigError(
      name,
      `must be a duration of at least one minute: a whole number with s, m, h or d (e.g. 30m, 12h, 7d), or seconds (got "${value}")`,
    );
  }
  return seconds;
}

function parseSessionLimits(env: Env): SessionLimits {
  const idleRaw = read(env, 'HUB_SESSION_IDLE_TIMEOUT');
  const maxRaw = read(env, 'HUB_SESSION_MAX_AGE');
  const maxAgeSeconds =
    maxRaw === null
      ? DEFAULT_SESSION_LIMITS.maxAgeSeconds
      : parseDuration('HUB_SESSION_MAX_AGE', maxRaw);
  const idleTimeoutSeconds =
    idleRaw === null
      ? Math.min(DEFAULT_SESSION_LIMITS.idleTimeoutSeconds, maxAgeSeconds)
      : parseDuration('HUB_SESSION_IDLE_TIMEOUT', idleRaw);
  if (idleTimeoutSeconds > maxAgeSeconds) {
    throw new ConfigError(
      'HUB_SESSION_IDLE_TIMEOUT',
      `must not be longer than HUB_SESSION_MAX_AGE (got "${idleRaw}" against "${maxRaw ?? '7d'}")`,
    );
  }
  return { idleTimeoutSeconds, maxAgeSeconds };
}

export function parseRoleValues(value: string): Map<string, ConsoleRole> {
  const map = new Map<string, ConsoleRole>();
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [claimValue, role = 'admin'] = part.split('=').map((p) => p.trim());
    if (!claimValue || !(consoleRoles as readonly string[]).includes(role)) {
      throw new ConfigError(
        'AUTH_OIDC_ADMIN_VALUES',
        `must be a comma-separated list of value=role with role one of ${consoleRoles.join(', ')} (got "${part}")`,
      );
    }
    map.set(claimValue, role as ConsoleRole);
  }
  if (map.size === 0)
    throw new ConfigError('AUTH_OIDC_ADMIN_VALUES', 'must name at least one value');
  return map;
}

function parseOidc(env: Env): OidcConfig | null {
  const issuer = read(env, 'AUTH_OIDC_ISSUER');
  const clientId = read(env, 'AUTH_OIDC_CLIENT_ID');
  const clientSecret = read(env, 'AUTH_OIDC_CLIENT_SECRET');
  if (issuer === null) {
    if (clientId !== null)
      throw new ConfigError('AUTH_OIDC_CLIENT_ID', 'is set but AUTH_OIDC_ISSUER is not');
    return null;
  }
  if (clientId === null)
    throw new ConfigError('AUTH_OIDC_CLIENT_ID', 'must be set when AUTH_OIDC_ISSUER is');
  if (clientSecret === null) {
    throw new ConfigError('AUTH_OIDC_CLIENT_SECRET', 'must be set when AUTH_OIDC_ISSUER is');
  }
  const roleClaim = read(env, 'AUTH_OIDC_ADMIN_CLAIM') ?? 'groups';
  if (!/^[A-Za-z0-9_.:/-]{1,200}$/.test(roleClaim)) {
    throw new ConfigError('AUTH_OIDC_ADMIN_CLAIM', `must be a claim name (got "${roleClaim}")`);
  }
  return {
    issuer: httpUrl('AUTH_OIDC_ISSUER', issuer),
    clientId,
    clientSecret,
    roleClaim,
    roleValues: parseRoleValues(read(env, 'AUTH_OIDC_ADMIN_VALUES') ?? DEFAULT_OIDC_ROLE_VALUES),
  };
}

const emailSchema = z.email();

/**
 * Whether the hub may call URLs on loopback, private and link-local networks (lib/outbound).
 * Read where a URL is checked, not only at start, so the check always follows the environment.
 */
export function allowPrivateTargets(env: Env = process.env): boolean {
  const value = read(env, 'HUB_ALLOW_PRIVATE_TARGETS');
  if (value !== null && value !== '0' && value !== '1') {
    throw new ConfigError('HUB_ALLOW_PRIVATE_TARGETS', `must be 0 or 1 (got "${value}")`);
  }
  return value === '1';
}

/** Reads and checks the whole environment; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): HubConfig {
  const port = parsePort(read(env, 'PORT'));
  const hubUrlRaw = read(env, 'HUB_URL');
  const hubUrl = hubUrlRaw === null ? `http://localhost:${port}` : httpUrl('HUB_URL', hubUrlRaw);

  const authSecret = read(env, 'AUTH_SECRET');
  if (authSecret !== null && authSecret.length < 32) {
    throw new ConfigError(
      'AUTH_SECRET',
      'must be at least 32 characters (generate one with `openssl rand -base64 32`)',
    );
  }

  const adminEmail = read(env, 'HUB_ADMIN_EMAIL');
  const adminPassword = read(env, 'HUB_ADMIN_PASSWORD');
  if (adminEmail !== null && !emailSchema.safeParse(adminEmail).success) {
    throw new ConfigError('HUB_ADMIN_EMAIL', `must be an email address (got "${adminEmail}")`);
  }
  if (adminPassword !== null && adminEmail === null) {
    throw new ConfigError('HUB_ADMIN_PASSWORD', 'is set but HUB_ADMIN_EMAIL is not');
  }
  if (adminPassword !== null && adminPassword.length < MIN_ADMIN_PASSWORD_LENGTH) {
    throw new ConfigError(
      'HUB_ADMIN_PASSWORD',
      `must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`,
    );
  }

  const initToken = read(env, 'HUB_INIT_ADMIN_API_TOKEN');
  if (initToken !== null && !ADMIN_API_TOKEN_PATTERN.test(initToken)) {
    throw new ConfigError(
      'HUB_INIT_ADMIN_API_TOKEN',
      'must be "hub_" followed by at least 32 letters, digits, "_" or "-"',
    );
  }

  const demoRaw = read(env, 'HUB_DEMO');
  if (demoRaw !== null && demoRaw !== '0' && demoRaw !== '1') {
    throw new ConfigError('HUB_DEMO', `must be 0 or 1 (got "${demoRaw}")`);
  }

  let trustedProxies: TrustedProxies = [];
  try {
    trustedProxies = parseTrustedProxies(read(env, 'HUB_TRUSTED_PROXIES') ?? '');
  } catch (err) {
    throw new ConfigError('HUB_TRUSTED_PROXIES', (err as Error).message);
  }

  return {
    port,
    hubUrl,
    dataDir: path.resolve(cwd, read(env, 'HUB_DATA_DIR') ?? '.data'),
    databaseUrl: parseDatabaseUrl(read(env, 'DATABASE_URL')),
    authSecret,
    encryptionKey: parseEncryptionKey(read(env, 'HUB_ENCRYPTION_KEY')),
    adminEmail: adminEmail?.toLowerCase() ?? null,
    adminPassword,
    initAdminApiToken: initToken,
    oidc: parseOidc(env),
    demo: demoRaw === null ? null : demoRaw === '1',
    trustedProxies,
    allowPrivateTargets: allowPrivateTargets(env),
    sessions: parseSessionLimits(env),
  };
}
