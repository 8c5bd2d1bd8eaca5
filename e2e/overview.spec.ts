import { expect, test } from '@playwright/test';
import { storageStates } from './fixtures/accounts';
import { seriousViolations } from './support/axe';
import { shoot } from './support/screenshots';
import { signIn } from './fixtures/sign-in';
import { freshDatabaseEnv } from './support/fresh-database';
import { startHubProcess } from './support/hub-process';

// A port of its own for the empty hub, next to first-start.spec.ts's.
const EMPTY_HUB_PORT = 3102 + Number(process.env.E2E_PORT_OFFSET ?? 0);

test.describe('overview', () => {
  test.use({ storageState: storageStates.auditor });

  test('the overview API refuses a request without a session', async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const response = await context.request.get('/api/v1/overview');
    expect(response.status()).toBe(401);
    await context.close();
  });
});

test('a fresh hub’s overview says what will appear and how to start', async ({ browser }) => {
  const env = await freshDatabaseEnv('overview');
  const owner = { email: 'empty-owner@e2e.test', password: 'an empty hub owner passphrase' };
  const hub = startHubProcess(
    { ...env, HUB_ADMIN_EMAIL: owner.email, HUB_ADMIN_PASSWORD: owner.password },
    EMPTY_HUB_PORT,
  );
  try {
    await hub.waitFor(new RegExp(`serving http://localhost:${EMPTY_HUB_PORT}`), 120_000);
    const page = await browser.newPage({ baseURL: hub.url });
    await signIn(page, owner.email, owner.password);
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Get started' })).toBeVisible();
    await expect(page.getByText('Nothing needs attention')).toBeVisible();
    // the owner's own sign-in is the only event: nothing registered, denied or called
    await expect(page.getByText('No agent registered in the last 30 days.')).toBeVisible();
    await expect(
      page.getByText('Nothing was denied or rejected in the last 30 days.'),
    ).toBeVisible();
    await expect(page.getByText('No tool calls reported yet.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'overview-empty');
    await page.close();
  } finally {
    await hub.stop();
  }
});
