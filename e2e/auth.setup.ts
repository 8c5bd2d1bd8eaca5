import { expect, test as setup, type Browser } from '@playwright/test';
import { admin, auditor, owner, storageStates } from './fixtures/accounts';
import { firstSignIn, signIn } from './fixtures/sign-in';

async function addUser(
  page: import('@playwright/test').Page,
  email: string,
  role: 'admin' | 'auditor',
): Promise<string> {
  await page.goto('/settings/users');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Add user' }).click();
  const secret = page.getByTestId('secret-value');
  await expect(secret).toBeVisible();
  return (await secret.textContent())!.trim();
}

async function saveFirstSignIn(
  browser: Browser,
  user: { email: string; password: string },
  oneTime: string,
  file: string,
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await firstSignIn(page, user.email, oneTime, user.password);
  await context.storageState({ path: file });
  await context.close();
}

setup(
  'owner adds an admin and an auditor, who choose their passwords',
  async ({ page, browser }) => {
    await signIn(page, owner.email, owner.password);
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await page.context().storageState({ path: storageStates.owner });

    const adminOneTime = await addUser(page, admin.email, 'admin');
    const auditorOneTime = await addUser(page, auditor.email, 'auditor');
    await expect(page.getByText(auditor.email, { exact: true })).toBeVisible();

    await saveFirstSignIn(browser, admin, adminOneTime, storageStates.admin);
    await saveFirstSignIn(browser, auditor, auditorOneTime, storageStates.auditor);
  },
);
