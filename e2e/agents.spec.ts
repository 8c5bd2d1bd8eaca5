import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, storageStates } from './fixtures/accounts';
import { shoot } from './support/screenshots';
import { captureAction, replayAs } from './support/server-actions';
import { postSignedEvents } from './support/signed-events';

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
