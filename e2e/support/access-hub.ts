import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { request, type APIRequestContext } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import type { Credential } from '../../lib/access/access-table';
import { OIDC_PORT } from '../fixtures/accounts';
import { signInAsPersona, signInWithPassword } from '../fixtures/sign-in';
import { accessAccounts } from './access-accounts';
import { freshDatabaseEnv } from './fresh-database';
import { startHubProcess, type HubProcess } from './hub-process';
import { postSignedEvents } from './signed-events';

export const ACCESS_HUB_PORT = 3103 + Number(process.env.E2E_PORT_OFFSET ?? 0);

type Seeded = {
  orgId: string;
  bearer: Partial<Record<Credential, string>>;
  source: { id: string; secret: string };
  mcp: { id: string; secret: string; key: string };
  oneTimePassword: string;
};
type StorageState = Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>>;

export type AccessHub = {
  hub: HubProcess;
  seeded: Seeded;
  secrets: { authSecret: string; encryptionKey: string; auditSigningKey: KeyObject };
  sessions: Partial<Record<Credential, StorageState>>;
  /** POSTs CloudEvents to a source's ingestion endpoint, signed with its secret. */
  ingest: (source: { id: string; secret: string }, events: object[]) => Promise<Response>;
};

/**
 * A hub of its own for the access spec: two orgs and every kind of credential seeded into a fresh
 * database before it starts (e2e/support/seed-access-hub.ts), the demo on, its output captured,
 * and a signed-in session of each console role, the other org's admin and a demo end user.
 */
export async function startAccessHub(): Promise<AccessHub> {
  const secrets = {
    authSecret: randomBytes(32).toString('base64url'),
    encryptionKey: randomBytes(32).toString('base64'),
    auditSigningKey: generateKeyPairSync('ed25519').privateKey,
  };
  const env = {
    ...(await freshDatabaseEnv('access')),
    AUTH_SECRET: secrets.authSecret,
    HUB_ENCRYPTION_KEY: secrets.encryptionKey,
    HUB_AUDIT_SIGNING_KEY: secrets.auditSigningKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  };
  const seed = spawnSync(process.execPath, ['--import', 'tsx', 'e2e/support/seed-access-hub.ts'], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(`seeding failed:\n${seed.stderr}`);
  const seeded = JSON.parse(seed.stdout.trim().split('\n').pop()!) as Seeded;

  const hub = startHubProcess(
    {
      ...env,
      HUB_DEMO: '1',
      HUB_ADMIN_EMAIL: accessAccounts.owner.email,
      HUB_ADMIN_PASSWORD: accessAccounts.owner.password,
      AUTH_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
      AUTH_OIDC_CLIENT_ID: 'agent-hub',
      AUTH_OIDC_CLIENT_SECRET: 'agent-hub-secret',
    },
    ACCESS_HUB_PORT,
  );
  await hub.waitFor(/\[hub\] serving/, 120_000);

  const sessions = await signInEveryone(hub.url);

  const ingest = (source: { id: string; secret: string }, events: object[]) =>
    postSignedEvents(`${hub.url}/api/v1/sources/${source.id}/events`, source.secret, events);
  return { hub, seeded, secrets, sessions, ingest };
}

/**
 * A fresh session of each console account and of the demo end user (Maya Chen), made as the
 * sign-in page makes them. Signing out ends a session on the server, so the access spec signs in
 * again after it called the sign-out action.
 */
export async function signInEveryone(url: string): Promise<AccessHub['sessions']> {
  const sessions: AccessHub['sessions'] = {};
  const signedIn = async (signIn: (context: APIRequestContext) => Promise<void>) => {
    const context = await request.newContext({ baseURL: url });
    try {
      await signIn(context);
      return await context.storageState();
    } finally {
      await context.dispose();
    }
  };
  for (const [key, account] of Object.entries(accessAccounts)) {
    sessions[key as Credential] = await signedIn((context) =>
      signInWithPassword(context, account.email, account.password, url),
    );
  }
  sessions.end_user = await signedIn((context) => signInAsPersona(context, 'u-maya-chen', url));
  return sessions;
}

/** The Cookie header of a saved session. */
export function cookieHeader(state: StorageState | undefined): string {
  return (state?.cookies ?? []).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Headers that present `credential` to the hub (a cookie, a bearer token, or nothing). */
export function credentialHeaders(
  access: AccessHub,
  credential: Credential,
): Record<string, string> {
  const session = access.sessions[credential];
  if (session) return { cookie: cookieHeader(session) };
  const bearer = access.seeded.bearer[credential];
  if (bearer) return { authorization: `Bearer ${bearer}` };
  if (credential === 'source_signature') {
    // a signature over nothing: only the ingestion endpoint reads these headers
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    return {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(access.seeded.source.secret).sign(id, at, ''),
    };
  }
  return {};
}
