import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';

export type BenchHub = {
  url: string;
  adminToken: string;
  /** e.g. "PostgreSQL 15.20" */
  label: string;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * A hub as `npm start` runs it, in a process of its own (the subscribers, receivers and MCP
 * server of the bench are not counted against it), on a new database of the PostgreSQL server at
 * `serverUrl`, dropped again by `stop`. An admin API token is made at start.
 */
export async function startBenchHub(serverUrl: string, port: number): Promise<BenchHub> {
  const name = `hub_bench_rev_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const [row] = await admin<
    { version: string }[]
  >`select current_setting('server_version') as version`;
  const version = row?.version ?? '?';
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-rev-'));
  const adminToken = `hub_${randomBytes(32).toString('base64url')}`;
  const hubUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/server/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HUB_URL: hubUrl,
      DATABASE_URL: url.toString(),
      HUB_DATA_DIR: dataDir,
      HUB_DEMO: '0',
      // the bench's push receiver listens on loopback
      HUB_ALLOW_PRIVATE_TARGETS: '1',
      HUB_INIT_ADMIN_API_TOKEN: adminToken,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      HUB_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the hub exited at start:\n${output.slice(-2000)}`);
    }
    const ok = await fetch(`${hubUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the hub did not become healthy:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url: hubUrl, adminToken, label: `PostgreSQL ${version}`, output: () => output, stop };
}

/** The management API as an admin automation uses it; any non-2xx breaks the bench. */
export function adminApi(hub: BenchHub) {
  return async <T>(method: string, pathname: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${hub.url}${pathname}`, {
      method,
      headers: {
        authorization: `Bearer ${hub.adminToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok)
      throw new Error(`${method} ${pathname} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
}

export type CreatedSource = {
  id: string;
  endpoint_url: string;
  signing_secret: string;
  api_key: string;
};

/** Posts CloudEvents to a source's endpoint, signed as its producer would. */
export async function sendEvents(source: CreatedSource, events: object[]): Promise<void> {
  const id = `msg_${randomUUID()}`;
  const now = new Date();
  const body = JSON.stringify(events);
  const res = await fetch(source.endpoint_url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/cloudevents-batch+json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(source.signing_secret).sign(id, now, body),
    },
  });
  if (res.status !== 202) throw new Error(`ingestion answered ${res.status}: ${await res.text()}`);
}

/** `count` access tokens of one agent for one user each, as an authorization server reports them. */
export function tokenEvents(issuer: string, clientId: string, resource: string, count: number) {
  const event = (type: string, data: object) => ({
    specversion: '1.0',
    id: `bench-${randomUUID()}`,
    source: issuer,
    type,
    time: new Date().toISOString(),
    data,
  });
  const refs = Array.from({ length: count }, (_, i) => ({
    jti: `bench-${i}-${randomUUID()}`,
    sub: `u-bench-${i}`,
  }));
  const expiresAt = new Date(Date.now() + 3600_000).toISOString();
  return {
    refs,
    events: [
      event('client.registered', {
        client_id: clientId,
        method: 'preregistered',
        client_name: 'Revocation bench agent',
        redirect_uris: ['https://bench.example/callback'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'none',
      }),
      ...refs.flatMap(({ jti, sub }) => [
        event('consent.granted', { client_id: clientId, sub, scopes: ['notes:read'], resource }),
        event('token.issued', {
          token_ref: jti,
          token_type: 'access_token',
          client_id: clientId,
          sub,
          scopes: ['notes:read'],
          resource,
          grant_type: 'authorization_code',
          expires_at: expiresAt,
        }),
      ]),
    ],
  };
}
