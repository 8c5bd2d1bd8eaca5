import { expect, test, type Page } from '@playwright/test';
import { storageStates } from './fixtures/accounts';
import { seriousViolations } from './support/axe';
import { shoot } from './support/screenshots';
import { signIn } from './fixtures/sign-in';
import { freshDatabaseEnv } from './support/fresh-database';
import { startHubProcess } from './support/hub-process';

// A port of its own for the empty hub, next to first-start.spec.ts's.
const EMPTY_HUB_PORT = 3102 + Number(process.env.E2E_PORT_OFFSET ?? 0);

/** The demo replays its month right after the hub starts; wait until its incidents are in. */
async function waitForDemo(page: Page) {
  await expect(async () => {
    await page.goto('/');
    await expect(page.getByText('Token passthrough by PDF Helper Pro')).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 90_000 });
}

test.describe('overview', () => {
  test.use({ storageState: storageStates.auditor });

  test('shows the demo’s numbers and what needs attention, and its counts open the filtered lists', async ({
    page,
  }) => {
    await waitForDemo(page);
    const api = await page.request.get('/api/v1/overview');
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { counts: { agents: { total: number; pending: number } } };
    expect(body.counts.agents.total).toBeGreaterThanOrEqual(12);

    const agents = page.getByRole('link', { name: /agents: open the list/ });
    await expect(agents).toHaveText(String(body.counts.agents.total));
    const attention = page.getByRole('list', { name: 'Items needing attention' });
    await expect(attention.getByText('Refresh-token reuse by Terminal Pilot CLI')).toBeVisible();
    await expect(attention.getByText('Token passthrough by PDF Helper Pro')).toBeVisible();
    await expect(attention.getByText(/is waiting for verification$/).first()).toBeVisible();
    // incidents come before the agents waiting for review
    const titles = await attention.locator('li p:first-child').allTextContents();
    expect(titles[0]).toMatch(/^(Refresh-token reuse|Token passthrough)/);

    for (const name of [
      'Events per hour, last 7 days',
      'Registrations per day, last 30 days',
      'Denials per day, last 30 days',
    ]) {
      const chart = page.getByRole('region', { name });
      await expect(chart.locator('svg.recharts-surface')).toBeVisible();
      await expect(chart.getByRole('table')).toHaveCount(1);
    }
    await expect(page.getByRole('link', { name: /PDF Helper Pro/ }).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'overview-light');

    await page.getByRole('link', { name: `${body.counts.agents.pending} pending` }).click();
    await expect(page).toHaveURL(/\/agents\?status=pending$/);
    await page.goto('/');
    await page.getByRole('link', { name: /denials in 24 h: open the list/ }).click();
    await expect(page).toHaveURL(/\/audit\?outcome=denied&after=\d{4}-/);
    await page.goto('/');
    await attention
      .getByRole('link', { name: /PDF Helper Pro/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/agents\/[0-9a-f-]{36}$/);
  });

  test('looks right in dark mode and at 800 px', { tag: '@once-per-run' }, async ({ page }) => {
    await waitForDemo(page);
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.reload();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'overview-dark');
    await page.setViewportSize({ width: 800, height: 1200 });
    await page
      .getByRole('radio', { name: 'Light' })
      .click()
      .catch(() => {});
    await page.evaluate(() => {
      localStorage.setItem('hub-theme', 'light');
      document.documentElement.classList.remove('dark');
    });
    await shoot(page, 'overview-800');
  });

  test('the overview API refuses a request without a session', async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const response = await context.request.get('/api/v1/overview');
    expect(response.status()).toBe(401);
    await context.close();
  });
});

test.describe('MCP servers', () => {
  test.use({ storageState: storageStates.auditor });

  test('lists the demo servers with tools, scopes and who can call what', async ({ page }) => {
    await waitForDemo(page);
    await page.goto('/mcp-servers');
    await expect(page.getByRole('heading', { level: 1, name: 'MCP servers' })).toBeVisible();
    const tracker = page.getByRole('heading', { level: 2, name: 'Acme Tracker' });
    await expect(tracker).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Acme Drive' })).toBeVisible();
    await expect(page.getByText('create_issue').first()).toBeVisible();
    await expect(page.getByText('Read issues and comments in your projects').first()).toBeVisible();
    const matrix = page.getByRole('table', {
      name: /Access of the \d+ most active agents to the first \d+ tools of Acme Drive/,
    });
    await expect(matrix.getByText(/^Can call/).first()).toBeAttached();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'mcp-servers-light');

    await page.getByRole('link', { name: 'Access matrix of Acme Drive' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Acme Drive' })).toBeVisible();
    const table = page.getByRole('table', { name: /Access matrix/ });
    await expect(table.getByRole('link', { name: 'PDF Helper Pro' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'share_file' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search agent name or client ID' }).fill('PDF');
    await expect(page).toHaveURL(/q=PDF/);
    await expect(table.getByRole('row')).toHaveCount(2);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'mcp-server-light');

    await page.getByRole('link', { name: /^Tools \(\d+\)$/ }).click();
    await expect(page).toHaveURL(/view=tools/);
    await expect(
      page.getByText('Share your files with anyone, including people outside Acme').first(),
    ).toBeVisible();
    await page.getByRole('link', { name: /^Scopes \(\d+\)$/ }).click();
    await expect(page.getByRole('cell', { name: 'drive:share' })).toBeVisible();

    const unknown = await page.goto('/mcp-servers/00000000-0000-4000-8000-000000000000');
    expect(unknown?.status()).toBe(404);
    const api = await page.request.get('/api/v1/mcp-servers');
    expect(api.status()).toBe(200);
    const list = (await api.json()) as { items: { name: string }[] };
    // Other specs register MCP servers of their own on the same hub (mcp-kit.spec.ts).
    expect(list.items.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Acme Drive', 'Acme Tracker']),
    );
  });

  test('looks right in dark mode and at 800 px', { tag: '@once-per-run' }, async ({ page }) => {
    await page.goto('/mcp-servers');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await shoot(page, 'mcp-servers-dark');
    await page.getByRole('link', { name: 'Access matrix of Acme Drive' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Acme Drive' })).toBeVisible();
    await shoot(page, 'mcp-server-dark');
    await page.evaluate(() => {
      localStorage.setItem('hub-theme', 'light');
      document.documentElement.classList.remove('dark');
    });
    await page.setViewportSize({ width: 800, height: 1200 });
    await shoot(page, 'mcp-server-800');
    await page.goto('/mcp-servers');
    await shoot(page, 'mcp-servers-800');
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
