import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { ConfigError, loadConfig, type HubConfig } from '@/lib/config/env';
import { resolveSecrets } from '@/lib/config/secrets';
import { openDatabase, setDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { bootstrap } from './bootstrap';
import { lockDataDir } from './data-dir-lock';
import { startMaintenance } from './maintenance';

const log = (line: string) => console.log(`[hub] ${line}`);

function readConfig(): HubConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

function ensureBuild(): void {
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

async function main(): Promise<void> {
  const config = readConfig();
  const secrets = resolveSecrets(config);
  // Read by next-auth and lib/ code inside the Next bundles, which share this process's env.
  process.env.AUTH_SECRET = secrets.authSecret;
  process.env.HUB_ENCRYPTION_KEY = secrets.encryptionKey.toString('base64');
  process.env.HUB_URL = config.hubUrl;
  process.env.AUTH_URL = `${config.hubUrl}/api/auth`;
  process.env.AUTH_TRUST_HOST = 'true';
  process.env.NEXT_TELEMETRY_DISABLED = '1';

  const embedded = config.databaseUrl === null;
  const unlock = embedded ? lockDataDir(config.dataDir) : () => {};
  ensureBuild();

  const database = openDatabase(config);
  setDatabase(database);
  await runMigrations(database);
  const boot = await bootstrap(database.db, config, embedded);
  if (boot.oneTimePassword) {
    const { email, password } = boot.oneTimePassword;
    console.log(
      [
        '',
        '  ┌──────────────────────────────────────────────────────────────┐',
        '  │  Owner account created. This password is shown only once.    │',
        `  │  email:    ${email.padEnd(50)}│`,
        `  │  password: ${password.padEnd(50)}│`,
        '  │  You will be asked to choose your own at first sign-in.      │',
        '  └──────────────────────────────────────────────────────────────┘',
        '',
      ].join('\n'),
    );
  }

  const app = next({ dev: false, dir: process.cwd(), port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    // Set by this server alone (a client's own copies are overwritten): guards read the path to
    // come back to after sign-in, and the audit trail the address the request came from.
    req.headers['x-hub-path'] = req.url ?? '/';
    req.headers['x-hub-client-ip'] = req.socket.remoteAddress ?? '';
    void handle(req, res);
  });
  const stopMaintenance = startMaintenance(database.db, log);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    stopMaintenance();
    server.close();
    server.closeAllConnections();
    void database
      .close()
      .catch(() => {})
      .finally(() => {
        unlock();
        process.exit(0);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  server.listen(config.port, () => {
    log(
      `serving ${config.hubUrl} (${embedded ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
    );
    if (boot.demo) log('demo mode is on: the sign-in page offers demo end users');
  });
}

main().catch((err: unknown) => {
  console.error(`The hub could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
