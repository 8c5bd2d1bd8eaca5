import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { storageStates } from './fixtures/accounts';
import { shoot } from './support/screenshots';
import { postSignedEvents } from './support/signed-events';

test.describe('sources', () => {
  test.use({ storageState: storageStates.admin });

  test('an admin registers a source, and a signed event appears in the console', async ({
    page,
  }) => {
    const name = `E2E authorization server ${Date.now()}`;
    await page.goto('/sources');
    // A webhook the hub may never call (a cloud metadata service) is refused on its field.
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Issuer URL').fill('https://auth.e2e.example');
    const webhook = page.getByLabel('Revocation webhook URL (optional)');
    await webhook.fill('http://169.254.169.254/latest/meta-data/');
    await page.getByRole('button', { name: 'Register source' }).click();
    await expect(
      page.getByText('The revocation webhook URL must not point at a cloud metadata service.'),
    ).toBeVisible();
    await expect(page.getByTestId('secret-value')).toHaveCount(0);

    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Issuer URL').fill('https://auth.e2e.example');
    await webhook.fill('');
    await page.getByRole('button', { name: 'Register source' }).click();

    const secrets = page.getByTestId('secret-value');
    await expect(secrets).toHaveCount(2);
    const signingSecret = (await secrets.nth(0).textContent())!.trim();
    const apiKey = (await secrets.nth(1).textContent())!.trim();
    expect(signingSecret).toMatch(/^whsec_/);
    expect(apiKey).toMatch(/^hubsrc_/);
    const endpoint = (await page
      .getByText(/\/api\/v1\/sources\/[0-9a-f-]+\/events$/)
      .first()
      .textContent())!.trim();
    await page.getByText('Send a signed test event (curl + openssl)').click();
    await expect(page.getByText(`SECRET='${signingSecret}'`)).toBeVisible();

    const clientName = `E2E Desk Assistant ${Date.now()}`;
    const registeredEvent = {
      specversion: '1.0',
      id: `e2e-${randomUUID()}`,
      source: 'https://auth.e2e.example',
      type: 'client.registered',
      time: new Date().toISOString(),
      data: {
        client_id: `dcr_${randomUUID()}`,
        method: 'dcr',
        client_name: clientName,
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_method: 'none',
      },
    };
    const accepted = await postSignedEvents(endpoint, signingSecret, registeredEvent);
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ accepted: 1, duplicates: 0 });

    const refused = await postSignedEvents(
      endpoint,
      `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
      {
        specversion: '1.0',
      },
    );
    expect(refused.status).toBe(401);

    await page.goto('/audit?type=client.registered');
    await expect(page.getByText(clientName).first()).toBeVisible();

    await page.goto('/sources');
    const card = page.locator('div.rounded-lg', { has: page.getByRole('heading', { name }) });
    await expect(card.getByText('1 · 0 · 1')).toBeVisible();
    await expect(card.getByText('signature does not match any active secret')).toBeVisible();

    // Rotating from the console shows the new secret once; the old one keeps working meanwhile.
    await card.getByRole('button', { name: 'Rotate secret' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    await expect(dialog.getByText(/keeps working until/)).toBeVisible();
    await shoot(page, 'rotate-dialog', false);
    const rotated = (await dialog.getByTestId('secret-value').textContent())!.trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(signingSecret);
    const event = (id: string) => ({ ...registeredEvent, id });
    expect((await postSignedEvents(endpoint, rotated, event(`e2e-${randomUUID()}`))).status).toBe(
      202,
    );
    expect(
      (await postSignedEvents(endpoint, signingSecret, event(`e2e-${randomUUID()}`))).status,
    ).toBe(202);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();

    // A leaked API key is rotated with "stop the old one now": the old key is refused at once.
    const feed = endpoint.replace(/\/sources\/[0-9a-f-]+\/events$/, '/revocations');
    const feedWith = (key: string) =>
      fetch(feed, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);
    expect(await feedWith(apiKey)).toBe(200);
    await card.getByRole('button', { name: 'Rotate API key' }).click();
    const keyDialog = page.getByRole('dialog');
    await keyDialog.getByLabel('The old key keeps working').selectOption('now');
    await keyDialog.getByRole('button', { name: 'Rotate API key' }).click();
    await expect(keyDialog.getByText(/The previous key stopped working just now/)).toBeVisible();
    const newKey = (await keyDialog.getByTestId('secret-value').textContent())!.trim();
    expect(newKey).toMatch(/^hubsrc_/);
    expect(await feedWith(newKey)).toBe(200);
    expect(await feedWith(apiKey)).toBe(401);
    await keyDialog.getByRole('button', { name: 'Done' }).click();
  });

  test('an auditor sees sources but cannot register, rotate or disable one', async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: storageStates.auditor });
    const page = await context.newPage();
    await page.goto('/sources');
    await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Register source' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Rotate secret' })).toHaveCount(0);
    await context.close();
  });
});
