import { expect, test as setup, type Browser } from '@playwright/test';
import { admin, auditor, owner, storageStates } from './fixtures/accounts';
import { addConsoleUser } from './fixtures/console-users';
import { firstSignIn, signIn } from './fixtures/sign-in';

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

    const adminOneTime = await addConsoleUser(page, admin.email, 'admin');
    const auditorOneTime = await addConsoleUser(page, auditor.email, 'auditor');
    await expect(page.getByText(auditor.email, { exact: true })).toBeVisible();

    await saveFirstSignIn(browser, admin, adminOneTime, storageStates.admin);
    await saveFirstSignIn(browser, auditor, auditorOneTime, storageStates.auditor);
  },
);
