import { ConfigError, loadConfig, type HubConfig } from '@/lib/config/env';
import { resolveSecrets } from '@/lib/config/secrets';
import { openDatabase, setDatabase } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { bootstrap } from './bootstrap';
import { lockDataDir } from './data-dir-lock';
import { ensureBuild, startHubServer } from './hub-server';
import { startMaintenance } from './maintenance';
import { assertDriverPatched } from './postgres-driver-patch';
import { startDemo } from '@/lib/demo/run-demo';
import { OutboxWorker } from '@/lib/revocations/outbox/worker';
import { loadSigningKey } from '@/lib/audit/seal/keys';
import { startSealing } from '@/lib/audit/seal/worker';

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

function checkDriver(): void {
  try {
    assertDriverPatched();
  } catch (err) {
    console.error(`[hub] cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  // Before anything connects: an unpatched driver hangs its connections after a database restart.
  checkDriver();
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
  ensureBuild(log);

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

  const server = await startHubServer({
    database,
    port: config.port,
    hubUrl: config.hubUrl,
    trustedProxies: config.trustedProxies,
  });
  const stopMaintenance = startMaintenance(database.db, log);
  // Seals the audit trail into signed checkpoints and verifies it (lib/audit/seal/README.md).
  const stopSealing = startSealing(database.db, await loadSigningKey(config.dataDir), log);
  // Pushes revocation entries to the sources' webhooks; every process runs one, claims keep each
  // delivery to one of them (lib/revocations/README.md).
  const outbox = new OutboxWorker(database, { hubUrl: config.hubUrl, log });
  await outbox.start();
  // The demo goes through the real signed endpoint, so it starts once the server listens; it talks
  // to this process over loopback, since HUB_URL may be a public address behind a proxy.
  let stopDemo = () => {};
  if (boot.demo) {
    void startDemo({
      db: database.db,
      orgId: boot.orgId,
      hubUrl: `http://127.0.0.1:${config.port}`,
      log: (line) => console.log(`[demo] ${line}`),
    }).then((stop) => (stopDemo = stop));
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    stopMaintenance();
    stopSealing();
    stopDemo();
    void outbox
      .stop()
      .then(() => server.close())
      .then(() => database.close())
      .catch(() => {})
      .finally(() => {
        unlock();
        process.exit(0);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  log(
    `serving ${config.hubUrl} (${embedded ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
  );
  if (boot.demo) log('demo mode is on: the sign-in page offers demo end users');
}

main().catch((err: unknown) => {
  console.error(`The hub could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
