import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { startHubProcess, type HubProcess } from '../hub-process';

/**
 * Ports for the hubs and servers these specs spawn (21000–21999, shifted like the others): below
 * Linux's ephemeral range (32768–60999), where the local port of any outgoing connection (a
 * database connection of a hub beside it) may already hold the port a spec's hub is to listen on.
 */
export const hostilePort = (n: number) =>
  21_000 + (Number(process.env.E2E_PORT_OFFSET ?? 0) % 900) + n;

/** What a hub needs besides its database: shared keys, an admin API token, no demo. */
export function hubEnv(database: Record<string, string>) {
  const adminToken = `hub_${randomBytes(24).toString('hex')}`;
  return {
    adminToken,
    env: {
      ...database,
      HUB_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      AUTH_SECRET: randomBytes(32).toString('base64'),
      HUB_INIT_ADMIN_API_TOKEN: adminToken,
      HUB_ADMIN_EMAIL: 'hostile@e2e.test',
      HUB_ADMIN_PASSWORD: 'a hostile world needs a long passphrase',
    },
  };
}

/** Starts a hub process and waits until it serves. */
export async function startServingHub(env: Record<string, string>, port: number) {
  const hub = startHubProcess({ ...env, HUB_URL: `http://127.0.0.1:${port}` }, port);
  let serving = false;
  await Promise.race([
    hub.waitFor(/\[hub\] serving /, 120_000).then(() => (serving = true)),
    hub.exited.then((code) => {
      if (!serving)
        throw new Error(`the hub exited (${code}) before serving:\n${hub.output().slice(-2000)}`);
    }),
  ]);
  return { ...hub, url: `http://127.0.0.1:${port}` } satisfies HubProcess;
}

/** Resident memory of a process in KiB, from /proc/<pid>/status (Linux). */
export async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/** The management API with the admin token; throws on anything but the expected status. */
export function adminClient(url: string, token: string) {
  return async <T>(method: string, path: string, body?: unknown, expected = 200): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expected)
      throw new Error(`${method} ${path} answered ${res.status}, not ${expected}: ${text}`);
    return JSON.parse(text) as T;
  };
}
