import { expect, test } from '@playwright/test';
import { storageStates } from './fixtures/accounts';
import { shoot } from './support/screenshots';
import { captureAction, replayAs } from './support/server-actions';

test.describe('authorization', () => {
  test('an auditor sees no admin controls, and the server refuses the admin action anyway', async ({
    browser,
  }) => {
    const auditorContext = await browser.newContext({ storageState: storageStates.auditor });
    const auditorPage = await auditorContext.newPage();
    await auditorPage.goto('/settings/api-tokens');
    await expect(auditorPage.getByRole('heading', { name: 'Admin API tokens' })).toBeVisible();
    await expect(auditorPage.getByRole('button', { name: 'Create token' })).toHaveCount(0);
    await auditorPage.goto('/settings/users');
    await expect(auditorPage.getByRole('button', { name: 'Add user' })).toHaveCount(0);
    await auditorPage.goto('/settings');
    await expect(
      auditorPage.getByText('Auditors can read settings but not change them.'),
    ).toBeVisible();
    await auditorContext.close();

    const adminContext = await browser.newContext({ storageState: storageStates.admin });
    const adminPage = await adminContext.newPage();
    await adminPage.goto('/settings/api-tokens');
    await adminPage.getByLabel('Name').fill('made by admin');
    const request = await captureAction(adminPage, () =>
      adminPage.getByRole('button', { name: 'Create token' }).click(),
    );
    await expect(adminPage.getByTestId('secret-value')).toBeVisible();

    // The same request, field for field, from an auditor and from nobody.
    expect(await replayAs(browser, storageStates.auditor, request)).toContain(
      'Your role may not do this.',
    );
    expect(await replayAs(browser, undefined, request)).toContain(
      'Your session has ended. Sign in again.',
    );

    await adminPage.reload();
    await expect(adminPage.getByText('made by admin', { exact: true })).toHaveCount(1);
    await adminContext.close();
  });

  test('an admin cannot use the owner-only user management, even by replaying the owner’s request', async ({
    browser,
  }) => {
    const ownerContext = await browser.newContext({ storageState: storageStates.owner });
    const ownerPage = await ownerContext.newPage();
    await ownerPage.goto('/settings/users');
    await ownerPage.getByLabel('Email').fill('replay-target@e2e.test');
    const request = await captureAction(ownerPage, () =>
      ownerPage.getByRole('button', { name: 'Add user' }).click(),
    );
    await expect(ownerPage.getByTestId('secret-value')).toBeVisible();
    await ownerContext.close();

    const adminContext = await browser.newContext({ storageState: storageStates.admin });
    const adminPage = await adminContext.newPage();
    await adminPage.goto('/settings/users');
    await expect(adminPage.getByRole('button', { name: 'Add user' })).toHaveCount(0);
    await adminContext.close();
    expect(await replayAs(browser, storageStates.admin, request)).toContain(
      'Your role may not do this.',
    );
  });

  test('end users reach only their own page; console users never see it', async ({
    page,
    browser,
  }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: /Continue as Maya Chen/ }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText('Demo end user')).toBeVisible();
    // The demo gave Maya consents: her page lists the agents with their permissions in words.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('list', { name: /^Permissions on / }).first()).toBeVisible({
        timeout: 1000,
      });
    }).toPass({ timeout: 60_000 });
    await shoot(page, 'account-maya');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'account-maya-phone');
    for (const path of ['/', '/sources', '/settings']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/account$/);
    }

    const ownerContext = await browser.newContext({ storageState: storageStates.owner });
    const ownerPage = await ownerContext.newPage();
    await ownerPage.goto('/account');
    await expect(ownerPage).toHaveURL(/\/$/);
    await ownerContext.close();
  });

  test('signed-out visitors are sent to sign-in from every page', async ({ page }) => {
    for (const path of [
      '/',
      '/agents',
      '/consents',
      '/tokens',
      '/audit',
      '/mcp-servers',
      '/sources',
      '/settings',
      '/settings/users',
      '/settings/api-tokens',
      '/account',
      '/change-password',
    ]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login/);
    }
  });
});
