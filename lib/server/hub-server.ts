import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import next from 'next';
import { refuseBeforeRouting } from './api-guard';
import { clientErrorAnswer, writeResponse } from './raw-answers';
import { stampClientAddress, type TrustedProxies } from './client-address';
import { ingestionSourceId, serveIngestion } from './ingestion-fast-path';
import { setDatabase, type HubDatabase } from '@/db/client';

export type HubServer = { url: string; close(): Promise<void> };

/**
 * Builds the Next.js production bundle once when there is none yet, so `npm start` (and the
 * benchmark) work straight after `npm install`. Exits the process when the build fails: there is
 * nothing to serve without it.
 */
export function ensureBuild(log: (line: string) => void): void {
  if (existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) return;
  log('no production build yet: building once (next build)…');
  const result = spawnSync(
    process.execPath,
    [createRequire(import.meta.url).resolve('next/dist/bin/next'), 'build'],
    {
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    },
  );
  if (result.status !== 0) {
    console.error('The build failed; see the output above.');
    process.exit(1);
  }
}

/**
 * Serves the production build from this process, on `database` (migrated and bootstrapped by the
 * caller). Used by lib/server/start.ts and by code that needs a real hub in-process (benchmarks).
 * `quiet` is Next's own option: it stops Next logging the errors of failed requests.
 */
export async function startHubServer(options: {
  database: HubDatabase;
  port: number;
  hubUrl: string;
  quiet?: boolean;
  /** HUB_TRUSTED_PROXIES; none by default, so X-Forwarded-For is ignored */
  trustedProxies?: TrustedProxies;
}): Promise<HubServer> {
  // Next compiles route handlers into separate bundles; they find this client on globalThis.
  setDatabase(options.database);
  const app = next({
    dev: false,
    dir: process.cwd(),
    port: options.port,
    quiet: options.quiet ?? false,
  });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    // Set by this server alone (a client's own copies are overwritten): guards read the path to
    // come back to after sign-in, sign-in throttling and the audit trail the client's address.
    req.headers['x-hub-path'] = req.url ?? '/';
    stampClientAddress(req, options.trustedProxies ?? []);
    const sourceId = ingestionSourceId(req);
    if (sourceId !== null) return void serveIngestion(options.database.db, sourceId, req, res);
    const refusal = refuseBeforeRouting(req.url ?? '/');
    if (refusal) return void writeResponse(res, refusal);
    void handle(req, res);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const answer = socket.writable ? clientErrorAnswer(error) : null;
    if (answer) socket.end(answer);
    else socket.destroy();
  });
  // Senders keep connections open between batches; Node's 5 s default makes them race the close.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let closing: Promise<void> | null = null;
  return {
    url: options.hubUrl,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => app.close());
      return closing;
    },
  };
}
