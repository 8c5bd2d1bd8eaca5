import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_OIDC_ROLE_VALUES,
  loadConfig,
  parseRoleValues,
  type HubConfig,
} from './env';

const cwd = '/srv/hub';
const load = (env: Record<string, string | undefined>): HubConfig => loadConfig(env, cwd);

const validToken = `hub_${'a'.repeat(32)}`;
const oidcEnv = {
  AUTH_OIDC_ISSUER: 'https://idp.example/realms/hub/',
  AUTH_OIDC_CLIENT_ID: 'hub',
  AUTH_OIDC_CLIENT_SECRET: 'secret',
};

function configError(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(load({})).toEqual({
      port: 3000,
      hubUrl: 'http://localhost:3000',
      dataDir: path.resolve(cwd, '.data'),
      databaseUrl: null,
      authSecret: null,
      encryptionKey: null,
      adminEmail: null,
      adminPassword: null,
      initAdminApiToken: null,
      oidc: null,
      demo: null,
      trustedProxies: [],
      allowPrivateTargets: false,
      sessions: { idleTimeoutSeconds: 43_200, maxAgeSeconds: 604_800 },
    });
  });

  it('treats empty variables as unset', () => {
    expect(load({ PORT: '', HUB_URL: '', HUB_DEMO: '', DATABASE_URL: '' })).toEqual(load({}));
  });

  it('reads valid values', () => {
    const hexKey = 'ab'.repeat(32);
    const config = load({
      PORT: '8080',
      HUB_URL: 'https://hub.example.com/',
      HUB_DATA_DIR: 'state',
      DATABASE_URL: 'postgresql://hub@db:5432/hub',
      AUTH_SECRET: 's'.repeat(32),
      HUB_ENCRYPTION_KEY: hexKey,
      HUB_ADMIN_EMAIL: 'Admin@Example.COM',
      HUB_ADMIN_PASSWORD: 'correct horse battery',
      HUB_INIT_ADMIN_API_TOKEN: validToken,
      HUB_DEMO: '0',
      HUB_ALLOW_PRIVATE_TARGETS: '1',
    });
    expect(config).toMatchObject({
      port: 8080,
      hubUrl: 'https://hub.example.com',
      dataDir: path.resolve(cwd, 'state'),
      databaseUrl: 'postgresql://hub@db:5432/hub',
      adminEmail: 'admin@example.com',
      adminPassword: 'correct horse battery',
      initAdminApiToken: validToken,
      demo: false,
      allowPrivateTargets: true,
    });
    expect(config.encryptionKey?.equals(Buffer.from(hexKey, 'hex'))).toBe(true);
  });

  it('derives the default hub URL from PORT and accepts HUB_DEMO=1', () => {
    const config = load({ PORT: '4000', HUB_DEMO: '1' });
    expect(config.hubUrl).toBe('http://localhost:4000');
    expect(config.demo).toBe(true);
  });

  it('accepts a base64 encryption key of 32 bytes', () => {
    const key = Buffer.alloc(32, 7);
    expect(load({ HUB_ENCRYPTION_KEY: key.toString('base64') }).encryptionKey?.equals(key)).toBe(
      true,
    );
  });

  it('keeps an absolute data directory', () => {
    expect(load({ HUB_DATA_DIR: '/var/lib/hub' }).dataDir).toBe('/var/lib/hub');
  });

  const invalid: [string, Record<string, string>][] = [
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '0' }],
    ['HUB_URL', { HUB_URL: 'ftp://x' }],
    ['HUB_URL', { HUB_URL: 'not a url' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['DATABASE_URL', { DATABASE_URL: 'nonsense' }],
    ['HUB_ENCRYPTION_KEY', { HUB_ENCRYPTION_KEY: 'c2hvcnQ=' }],
    ['HUB_ENCRYPTION_KEY', { HUB_ENCRYPTION_KEY: `${'ab'.repeat(32)}!` }],
    ['AUTH_SECRET', { AUTH_SECRET: 'too-short' }],
    ['HUB_ADMIN_EMAIL', { HUB_ADMIN_EMAIL: 'not-an-email' }],
    ['HUB_ADMIN_PASSWORD', { HUB_ADMIN_PASSWORD: 'long enough password' }],
    ['HUB_ADMIN_PASSWORD', { HUB_ADMIN_EMAIL: 'a@example.com', HUB_ADMIN_PASSWORD: 'short' }],
    ['HUB_INIT_ADMIN_API_TOKEN', { HUB_INIT_ADMIN_API_TOKEN: 'hub_short' }],
    ['HUB_INIT_ADMIN_API_TOKEN', { HUB_INIT_ADMIN_API_TOKEN: `xyz_${'a'.repeat(32)}` }],
    ['HUB_DEMO', { HUB_DEMO: 'yes' }],
    ['HUB_ALLOW_PRIVATE_TARGETS', { HUB_ALLOW_PRIVATE_TARGETS: 'true' }],
    ['HUB_ALLOW_PRIVATE_TARGETS', { HUB_ALLOW_PRIVATE_TARGETS: ' 1' }],
    ['HUB_SESSION_IDLE_TIMEOUT', { HUB_SESSION_IDLE_TIMEOUT: '12 hours' }],
    ['HUB_SESSION_IDLE_TIMEOUT', { HUB_SESSION_IDLE_TIMEOUT: '30s' }],
    ['HUB_SESSION_IDLE_TIMEOUT', { HUB_SESSION_IDLE_TIMEOUT: '8d' }],
    ['HUB_SESSION_MAX_AGE', { HUB_SESSION_MAX_AGE: '-7d' }],
    ['HUB_SESSION_MAX_AGE', { HUB_SESSION_MAX_AGE: '1w' }],
    ['HUB_SESSION_MAX_AGE', { HUB_SESSION_MAX_AGE: '1.5h' }],
    ['AUTH_OIDC_CLIENT_ID', { AUTH_OIDC_ISSUER: 'https://idp.example' }],
    [
      'AUTH_OIDC_CLIENT_SECRET',
      { AUTH_OIDC_ISSUER: 'https://idp.example', AUTH_OIDC_CLIENT_ID: 'hub' },
    ],
    ['AUTH_OIDC_CLIENT_ID', { AUTH_OIDC_CLIENT_ID: 'hub' }],
    ['AUTH_OIDC_ISSUER', { ...oidcEnv, AUTH_OIDC_ISSUER: 'idp.example' }],
    ['AUTH_OIDC_ADMIN_CLAIM', { ...oidcEnv, AUTH_OIDC_ADMIN_CLAIM: 'has spaces' }],
    ['AUTH_OIDC_ADMIN_VALUES', { ...oidcEnv, AUTH_OIDC_ADMIN_VALUES: 'hub-admins=superuser' }],
    ['AUTH_OIDC_ADMIN_VALUES', { ...oidcEnv, AUTH_OIDC_ADMIN_VALUES: ' , ' }],
  ];

  it.each(invalid)('rejects an invalid %s with a one-line error (%j)', (variable, env) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('reads session durations with a unit or as seconds, 12 hours idle and 7 days at most by default', () => {
    expect(load({}).sessions).toEqual({ idleTimeoutSeconds: 43_200, maxAgeSeconds: 604_800 });
    expect(load({ HUB_SESSION_IDLE_TIMEOUT: '30m', HUB_SESSION_MAX_AGE: '2d' }).sessions).toEqual({
      idleTimeoutSeconds: 1800,
      maxAgeSeconds: 172_800,
    });
    expect(load({ HUB_SESSION_IDLE_TIMEOUT: '3600', HUB_SESSION_MAX_AGE: '12h' }).sessions).toEqual(
      { idleTimeoutSeconds: 3600, maxAgeSeconds: 43_200 },
    );
    // A short absolute lifetime also shortens the default idle timeout, never the other way round.
    expect(load({ HUB_SESSION_MAX_AGE: '1h' }).sessions.idleTimeoutSeconds).toBe(3600);
  });

  it('does not echo secrets in its errors', () => {
    expect(configError({ AUTH_SECRET: 'hunter2-secret' }).message).not.toContain('hunter2');
    const password = 'tiny-pw';
    const error = configError({ HUB_ADMIN_EMAIL: 'a@example.com', HUB_ADMIN_PASSWORD: password });
    expect(error.message).not.toContain(password);
  });
});

describe('OIDC configuration', () => {
  it('parses issuer, client and the default role map', () => {
    const { oidc } = load(oidcEnv);
    expect(oidc).toMatchObject({
      issuer: 'https://idp.example/realms/hub',
      clientId: 'hub',
      clientSecret: 'secret',
      roleClaim: 'groups',
    });
    expect(oidc?.roleValues).toEqual(parseRoleValues(DEFAULT_OIDC_ROLE_VALUES));
    expect(Object.fromEntries(oidc?.roleValues ?? [])).toEqual({
      'hub-owners': 'owner',
      'hub-admins': 'admin',
      'hub-auditors': 'auditor',
    });
  });

  it('reads a custom claim and role map', () => {
    const { oidc } = load({
      ...oidcEnv,
      AUTH_OIDC_ADMIN_CLAIM: 'roles',
      AUTH_OIDC_ADMIN_VALUES: 'platform=owner, sre',
    });
    expect(oidc?.roleClaim).toBe('roles');
    expect(Object.fromEntries(oidc?.roleValues ?? [])).toEqual({
      platform: 'owner',
      sre: 'admin',
    });
  });

  it('maps a bare value to admin', () => {
    expect(Object.fromEntries(parseRoleValues('a=owner,b'))).toEqual({ a: 'owner', b: 'admin' });
    expect(Object.fromEntries(parseRoleValues(' x = auditor ,, y '))).toEqual({
      x: 'auditor',
      y: 'admin',
    });
  });

  it('rejects a value without a name', () => {
    expect(() => parseRoleValues('=owner')).toThrow(ConfigError);
  });
});

describe('HUB_TRUSTED_PROXIES', () => {
  const ranges = (value: string) =>
    load({ HUB_TRUSTED_PROXIES: value }).trustedProxies.map(
      ([a, bits]) => `${a.toString()}/${bits}`,
    );

  it('reads CIDRs and bare addresses, IPv4 and IPv6', () => {
    expect(ranges(' 10.0.0.0/8, 127.0.0.1 ,fd00::/8,::1, ::ffff:192.168.0.0/112')).toEqual([
      '10.0.0.0/8',
      '127.0.0.1/32',
      'fd00::/8',
      '::1/128',
      '192.168.0.0/16',
    ]);
  });

  it.each([
    '10.0.0.0/33',
    'fd00::/129',
    'proxy.internal',
    '10.0.0.1:80',
    '10.1/8',
    '10.0.0.0/8/8',
    '10.0.0.0/x',
    '[::1]',
    '::ffff:0.0.0.0/80',
  ])('refuses %s with one line naming the variable', (value) => {
    const error = configError({ HUB_TRUSTED_PROXIES: `10.0.0.0/8,${value}` });
    expect(error.variable).toBe('HUB_TRUSTED_PROXIES');
    expect(error.message).toContain(`"${value}"`);
    expect(error.message).not.toContain('\n');
  });
});
