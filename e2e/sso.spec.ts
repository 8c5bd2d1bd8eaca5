import { expect, test, type Page } from '@playwright/test';

async function ssoSignIn(page: Page, login: string, path = '/login') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in with single sign-on' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('single sign-on through a real OpenID Connect provider', () => {
  test('a user whose groups claim names hub-admins enters the console as admin', async ({
    page,
  }) => {
    await ssoSignIn(page, 'alice');
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    const header = page.getByRole('banner');
    await expect(header.getByText('alice@example.test')).toBeVisible();
    await expect(header.getByText('Admin', { exact: true })).toBeVisible();
  });

  test('a user with no console role is refused the console and reaches their own page', async ({
    page,
  }) => {
    await ssoSignIn(page, 'bob');
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { name: 'Agents acting for you' })).toBeVisible();
    for (const path of ['/', '/agents', '/settings/users', '/audit']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/account$/);
    }
  });
});
