import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { storageStates } from './fixtures/accounts';
import { pages } from './fixtures/console-pages';
import { seriousViolations } from './support/axe';
import { shoot } from './support/screenshots';

// The demo itself: the month the hub replays through the signed endpoint when HUB_DEMO=1, its
// agents, incidents and servers by name and number. This is the one spec that waits for the demo;
// every other spec makes the data it looks at.

const COPILOT = 'Helpdeskly Support Copilot';

/** Waits for the demo month to be replayed, as far as the agents page shows it. */
async function demoReady(page: Page) {
  await expect(async () => {
    await page.goto('/agents?q=Helpdeskly');
    await expect(page.getByRole('link', { name: new RegExp(COPILOT) })).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 60_000 });
}

async function openCopilot(page: Page) {
  await page.goto('/agents?q=Helpdeskly');
  await page.getByRole('link', { name: new RegExp(COPILOT) }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(COPILOT) })).toBeVisible();
}

/** The demo replays its month right after the hub starts; wait until its incidents are in. */
async function waitForDemo(page: Page) {
  await expect(async () => {
    await page.goto('/');
    await expect(page.getByText('Token passthrough by PDF Helper Pro')).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 90_000 });
}

test.describe('the demo’s agents', () => {
  test.use({ storageState: storageStates.admin });

  test('an admin filters the table through the URL and the facet menus', async ({ page }) => {
    await demoReady(page);

    // A link with filters opens the same view.
    await page.goto('/agents?method=cimd&sort=name.asc');
    const table = page.getByRole('table');
    await expect(table.getByRole('link', { name: 'Lumen Assistant' })).toBeVisible();
    await expect(table.getByRole('link', { name: 'Orbit Desktop' })).toHaveCount(0);
    await expect(page.locator('summary', { hasText: 'Method' })).toContainText('CIMD');

    // The facet menu writes the URL.
    await page.locator('summary', { hasText: 'Client type' }).click();
    // The box follows the URL, so it turns checked once the server answered.
    await page.getByRole('checkbox', { name: /Confidential/ }).click();
    await expect(page).toHaveURL(/client_type=confidential/);
    await expect(table.getByRole('link', { name: 'Nightly Triage Bot' })).toBeVisible();
    await expect(table.getByRole('link', { name: 'Lumen Assistant' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).not.toHaveURL(/method=|client_type=/);

    // Orbit Desktop registered five times (one deleted): one row for the family.
    await page.getByLabel(/Search name/).fill('orbit');
    await expect(page).toHaveURL(/q=orbit/);
    await expect(table.getByRole('row')).toHaveCount(2);
    const family = table.getByRole('link', { name: /4 instances/ });
    await expect(family).toBeVisible();
    await family.click();
    await expect(page).toHaveURL(/family=software%3Acom\.orbitlabs\.desktop/);
    await expect(page.getByText('Instances of the family')).toBeVisible();
    await expect(table.getByRole('link', { name: 'Orbit Desktop' })).toHaveCount(4);
    await page.getByRole('button', { name: /Show deleted/ }).click();
    await expect(page).toHaveURL(/deleted=1/);
    await expect(table.getByRole('link', { name: 'Orbit Desktop' })).toHaveCount(5);
    await expect(table.getByText('deleted', { exact: true })).toHaveCount(1);

    // Every registration, ungrouped.
    await page.goto('/agents?group=none&size=50');
    await expect(table.getByRole('link', { name: 'Orbit Desktop' })).toHaveCount(4);
    await expect(page.getByRole('button', { name: 'Group families' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    await page.goto('/agents');
    await expect(table.getByRole('link', { name: 'PDF Helper Pro' })).toBeVisible();
    await expect(table.getByText('localhost only').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'agents-light');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await shoot(page, 'agents-dark');
    await page.setViewportSize({ width: 800, height: 1000 });
    await shoot(page, 'agents-800');
    await page.getByRole('radio', { name: 'Light' }).click();
  });

  test('the agent page shows metadata, evidence, consents, scopes, tokens and the timeline', async ({
    page,
  }) => {
    await demoReady(page);
    await openCopilot(page);
    await expect(page.getByRole('heading', { name: 'Redirect hosts' })).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'Redirect hosts' }).getByRole('listitem'),
    ).toHaveCount(11);
    await expect(page.getByRole('heading', { name: 'Consents by user' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Scopes granted vs used' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Events' }).getByRole('listitem')).toHaveCount(25);
    await page.getByRole('link', { name: 'Show older' }).click();
    await expect(page).toHaveURL(/before=/);
    await expect(page.getByRole('link', { name: 'Newest' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(page.url().replace(/\?.*$/, ''));
    await shoot(page, 'agent-copilot-light');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await shoot(page, 'agent-copilot-dark');
    await page.setViewportSize({ width: 800, height: 1000 });
    await shoot(page, 'agent-copilot-800');
    await page.getByRole('radio', { name: 'Light' }).click();
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.goto('/agents?q=PDF+Helper');
    await page.getByRole('link', { name: 'PDF Helper Pro' }).click();
    await expect(page.getByText('Every redirect URI is on localhost.')).toBeVisible();
    await shoot(page, 'agent-pdf-helper-light');

    // Unknown, malformed and foreign ids are a 404.
    for (const id of [randomUUID(), 'not-an-id']) {
      const res = await page.goto(`/agents/${id}`);
      expect(res?.status()).toBe(404);
    }
  });
});

test.describe('the demo’s console', () => {
  test.use({ storageState: storageStates.owner });

  test('every page of the sidebar renders the demo month replayed through the signed endpoint', async ({
    page,
  }) => {
    // The demo replays its history right after the hub starts listening; wait for its last pieces.
    await expect(async () => {
      await page.goto('/sources');
      await expect(page.getByText('Demo · ').first()).toBeVisible({ timeout: 1000 });
      await page.goto('/agents');
      await expect(page.getByText('PDF Helper Pro').first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 60_000 });
    for (const p of pages) {
      await page.goto(`${p.path}${p.filter ?? ''}`);
      await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
      if (p.shows) await expect(page.getByText(p.shows).first()).toBeVisible();
      await shoot(page, `light${p.path === '/' ? '-overview' : p.path.replaceAll('/', '-')}`);
    }
  });
});

test.describe('the demo’s overview', () => {
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
});

test.describe('the demo’s MCP servers', () => {
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
