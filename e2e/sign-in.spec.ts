import { expect, test } from '@playwright/test';
import { BASE_URL, owner } from './fixtures/accounts';
import { signIn } from './fixtures/sign-in';

test.describe('sign-in', () => {
  test('owner signs in, sees the console, and signs out', async ({ page }) => {
    await signIn(page, owner.email, owner.password);
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await expect(page.getByRole('banner').getByText(owner.email)).toBeVisible();
    // A console user reaches their password from their name, and can go back without changing it.
    await page.getByRole('banner').getByRole('link', { name: owner.email }).click();
    await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the console' }).click();
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/agents');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fagents/);
  });

  test('a wrong password and an unknown email get the same answer', async ({ page }) => {
    await signIn(page, owner.email, 'not the password');
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText(
      'Incorrect email or password.',
    );
    await signIn(page, 'nobody@e2e.test', 'not the password');
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText(
      'Incorrect email or password.',
    );
    await expect(page.getByLabel('Email')).toHaveValue('nobody@e2e.test');
  });

  test('sign-in goes back to the page asked for, but never off-site', async ({ page }) => {
    await signIn(page, owner.email, owner.password, '/login?callbackUrl=%2Fsettings%2Fusers');
    await expect(page).toHaveURL(`${BASE_URL}/settings/users`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);

    for (const target of [
      'https://evil.example/steal',
      '//evil.example/steal',
      '/\\evil.example',
    ]) {
      await signIn(
        page,
        owner.email,
        owner.password,
        `/login?callbackUrl=${encodeURIComponent(target)}`,
      );
      await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(BASE_URL);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/login/);
    }
  });

  test('sign-ins, failures and sign-outs are in the audit trail', async ({ page }) => {
    await signIn(page, 'audit-probe@e2e.test', 'wrong');
    await expect(page.getByRole('alert').filter({ hasText: /./ })).toBeVisible();
    await signIn(page, owner.email, owner.password);
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await page.goto('/audit?type=user.sign_in_failed');
    await expect(
      page.getByText('Failed sign-in for audit-probe@e2e.test (unknown email)'),
    ).toBeVisible();
    await page.goto('/audit?type=user.signed_in');
    const signedIn = page
      .getByRole('row')
      .filter({ has: page.getByText(`${owner.email} signed in (password)`) })
      .first();
    await expect(signedIn).toBeVisible();
    // The address the sign-in came from, as the hub's own server saw it, in the event's drawer.
    await signedIn.locator('[data-event-link]').click();
    await expect(page.getByRole('dialog')).toContainText(/::1|127\.0\.0\.1/);
    await page.goto('/audit?type=user.signed_out');
    await expect(page.getByText(`${owner.email} signed out`).first()).toBeVisible();
  });
});
