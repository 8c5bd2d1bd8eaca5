import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, storageStates } from './fixtures/accounts';
import { seriousViolations } from './support/axe';
import { shoot } from './support/screenshots';
import { captureAction, replayAs } from './support/server-actions';
import { postSignedEvents } from './support/signed-events';

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

/** An authorization server source made through the console, and a way to send it events. */
async function newSource(page: Page) {
  await page.goto('/sources');
  await page.getByLabel('Name').fill(`E2E agents AS ${Date.now()}`);
  await page.getByLabel('Issuer URL').fill('https://auth.agents-e2e.example');
  await page.getByRole('button', { name: 'Register source' }).click();
  const secret = (await page.getByTestId('secret-value').nth(0).textContent())!.trim();
  const endpoint = (await page
    .getByText(/\/api\/v1\/sources\/[0-9a-f-]+\/events$/)
    .first()
    .textContent())!.trim();
  return async (type: string, data: Record<string, unknown>) => {
    const res = await postSignedEvents(endpoint, secret, {
      specversion: '1.0',
      id: `e2e-${randomUUID()}`,
      source: 'https://auth.agents-e2e.example',
      type,
      time: new Date().toISOString(),
      data,
    });
    expect(res.status).toBe(202);
  };
}

test.describe('agents', () => {
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

  test('an admin suspends an agent with a reason and reinstates it; an auditor cannot', async ({
    page,
    browser,
  }) => {
    const send = await newSource(page);
    const name = `E2E Suspend Target ${Date.now()}`;
    const clientId = `dcr_${randomUUID()}`;
    await send('client.registered', {
      client_id: clientId,
      method: 'dcr',
      client_name: name,
      redirect_uris: ['https://suspend-target.e2e.example/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'none',
    });
    await page.goto(`/agents?q=${encodeURIComponent(name)}`);
    await page.getByRole('link', { name }).click();
    const header = page.getByRole('heading', { level: 1, name });
    await expect(header).toBeVisible();
    const agentUrl = page.url();

    await page.getByRole('button', { name: 'Suspend', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('Phishing report INC-4711');
    const suspend = await captureAction(page, () =>
      dialog.getByRole('button', { name: 'Suspend' }).click(),
    );
    const outcome = page.getByTestId('agent-status-outcome');
    await expect(outcome).toContainText(/Suspended\. Servers are told by revocation entry \d+/);
    await expect(dialog).toBeHidden();
    const badges = page.getByRole('main').locator('h1 ~ div').first();
    await expect(badges.getByText('suspended', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reinstate' })).toBeVisible();
    const timeline = page.getByRole('list', { name: 'Events' });
    await expect(timeline.getByText('agent.suspended')).toBeVisible();
    await expect(timeline.getByText('Reason: Phishing report INC-4711')).toBeVisible();
    await shoot(page, 'agent-suspended');

    // The same request from an auditor is refused by the server, and so is the API.
    expect(await replayAs(browser, storageStates.auditor, suspend)).toContain(
      'Your role may not do this.',
    );
    const auditor = await browser.newContext({ storageState: storageStates.auditor });
    const auditorPage = await auditor.newPage();
    await auditorPage.goto(agentUrl);
    await expect(auditorPage.getByRole('heading', { level: 1, name })).toBeVisible();
    for (const label of ['Verify', 'Suspend', 'Block', 'Reinstate']) {
      await expect(auditorPage.getByRole('button', { name: label, exact: true })).toHaveCount(0);
    }
    const agentId = agentUrl.split('/').pop()!;
    const api = await auditor.request.post(`/api/v1/agents/${agentId}/verification`, {
      headers: { origin: BASE_URL },
      data: { status: 'verified', reason: 'auditor tries' },
    });
    expect(api.status()).toBe(403);
    await auditor.close();

    await page.reload();
    await expect(badges.getByText('suspended', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Reinstate' }).click();
    await dialog.getByLabel(/Reason/).fill('Vendor confirmed, key rotated');
    await dialog.getByRole('button', { name: 'Reinstate' }).click();
    await expect(outcome).toContainText('Reinstated as verified');
    await expect(badges.getByText('verified', { exact: true })).toBeVisible();
    await expect(timeline.getByText('agent.reinstated')).toBeVisible();
    const history = page.getByText('“Vendor confirmed, key rotated”');
    await expect(history).toBeVisible();
  });
});
