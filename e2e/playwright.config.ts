import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { BASE_URL, E2E_OUTPUT, HUB_PORT, OIDC_PORT, owner } from './fixtures/accounts';
import { e2eRunId } from './support/fresh-database';

// Debian's Chromium where it is installed (nothing is downloaded at test time), else Playwright's:
// its headless shell when there (Debian's chromium-headless-shell, the same engine without the
// browser's window machinery: a third less CPU per spec here), else the full browser.
const executablePath =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((file) => existsSync(file));
// Commands run from the repository root, where `npm test` runs.
const root = process.cwd();
const oidcIssuer = `http://127.0.0.1:${OIDC_PORT}`;
// Workers and web servers inherit the run's tag for the databases they make.
e2eRunId();

export default defineConfig({
  testDir: '.',
  outputDir: path.join(root, E2E_OUTPUT, 'test-results'),
  // Tests run side by side, each on its own data (specs whose steps build on each other say
  // `mode: 'serial'`); two workers keep both cores busy while the hub serves them.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: true,
  // Tests whose outcome does not depend on the database run in one of npm test's two database
  // passes (lib/testing/run-tests.ts, .ci/run): @once-per-run in the embedded pass, which every
  // run has, and @once-per-run-pg in the PostgreSQL pass when there is one (two long ones, so
  // the passes end at about the same time).
  grepInvert:
    process.env.E2E_PASS === 'postgres'
      ? /@once-per-run(?!-pg)/
      : process.env.E2E_PASS === 'embedded-beside-postgres'
        ? /@once-per-run-pg/
        : undefined,
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  globalSetup: './support/global-setup.ts',
  globalTeardown: './support/global-teardown.ts',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    {
      name: 'chromium',
      testMatch: /.*\.spec\.ts/,
      // Several hub processes can share PostgreSQL, never one embedded database: the two-process
      // spec runs in the PostgreSQL pass of `.ci/run` (DATABASE_URL set) and is left out otherwise.
      testIgnore: process.env.DATABASE_URL ? [] : [/two-hubs\.spec\.ts/],
      dependencies: ['setup'],
    },
  ],
  webServer: [
    {
      command: 'node --import tsx e2e/support/oidc-provider.ts',
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      env: {
        OIDC_PORT: String(OIDC_PORT),
        OIDC_REDIRECT_URIS: `${BASE_URL}/api/auth/callback/oidc`,
      },
      reuseExistingServer: false,
      cwd: root,
      stdout: 'ignore',
    },
    {
      command: 'node --import tsx e2e/support/start-hub.ts',
      url: `${BASE_URL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      cwd: root,
      stdout: 'pipe',
      env: {
        PORT: String(HUB_PORT),
        HUB_DEMO: '1',
        // the specs' revocation receivers listen on loopback
        HUB_ALLOW_PRIVATE_TARGETS: '1',
        HUB_ADMIN_EMAIL: owner.email,
        HUB_ADMIN_PASSWORD: owner.password,
        AUTH_OIDC_ISSUER: oidcIssuer,
        AUTH_OIDC_CLIENT_ID: 'agent-hub',
        AUTH_OIDC_CLIENT_SECRET: 'agent-hub-secret',
        AUTH_OIDC_ADMIN_CLAIM: 'groups',
      },
    },
  ],
});
