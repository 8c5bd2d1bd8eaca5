import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { FIRST_START_PORT } from './fixtures/accounts';
import { freshDatabaseEnv } from './support/fresh-database';
import { startHubProcess } from './support/hub-process';
import { shoot } from './support/screenshots';

test.describe('first start', () => {
  test('prints a one-time owner password once, which must be replaced at first sign-in', async ({
    browser,
  }) => {
    const env = await freshDatabaseEnv('first', { empty: true });
    const hub = startHubProcess(env, FIRST_START_PORT);
    try {
      const [, email, password] = await hub.waitFor(
        /email:\s+(\S+)\s*│\s*\n\s*│\s*password:\s+(\S+)/,
      );
      await hub.waitFor(new RegExp(`serving http://localhost:${FIRST_START_PORT}`));
      const health = await fetch(`${hub.url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });

      const page = await browser.newPage({ baseURL: hub.url });
      await page.goto('/login');
      await page.getByLabel('Email').fill(email!);
      await page.getByLabel('Password').fill(password!);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page).toHaveURL(/\/change-password$/);
      await expect(page.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
      // Until it is replaced, the console stays closed.
      await page.goto('/agents');
      await expect(page).toHaveURL(/\/change-password$/);

      await page.getByLabel('Current password').fill(password!);
      await page.getByLabel('New password', { exact: true }).fill('a brand new owner passphrase');
      await page.getByLabel('Confirm new password').fill('a brand new owner passphrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();

      // A hub with no demo: every page says what will appear there.
      const empty = [
        ['/agents', 'No agents have registered yet'],
        ['/consents', 'No consents granted yet'],
        ['/tokens', 'No tokens issued yet'],
        ['/mcp-servers', 'No MCP servers known yet'],
        ['/sources', 'No sources registered yet'],
      ] as const;
      for (const [path, title] of empty) {
        await page.goto(path);
        await expect(page.getByRole('heading', { name: title })).toBeVisible();
        await shoot(page, `empty${path.replaceAll('/', '-')}`);
      }
      await page.close();
    } finally {
      await hub.stop();
    }

    // A second start on the same database creates no owner and prints no password.
    const again = startHubProcess(env, FIRST_START_PORT);
    try {
      await again.waitFor(new RegExp(`serving http://localhost:${FIRST_START_PORT}`));
      expect(again.output()).not.toContain('password:');
    } finally {
      await again.stop();
    }
  });

  test('an invalid setting stops the start with one line naming it', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'lib/server/start.ts'], {
      env: { ...process.env, PORT: 'eighty', HUB_DATA_DIR: '/tmp/hub-never-used' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'Invalid configuration: PORT must be an integer between 1 and 65535 (got "eighty")',
    ]);
  });
});
