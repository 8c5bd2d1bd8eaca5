import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { storageStates } from './fixtures/accounts';
import { firefox, newConsoleUser, signedInAs } from './fixtures/console-users';
import { seriousViolations } from './support/axe';
import { shoot } from './support/screenshots';

/**
 * A session ends on the server: a copied cookie stops working after sign-out, after a password
 * change made in another browser, and when the person signs that browser out from Settings → Your
 * sessions or an owner ends their sessions. Each test makes its own console user, so the shared
 * owner, admin and auditor sessions of the other specs are never touched.
 */
const empty = { cookies: [], origins: [] };
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Mobile/15E148 Safari/604.1';

/** Replays the cookies of `context` from a fresh browser, as someone who copied them would. */
async function replayCookies(browser: Browser, context: BrowserContext) {
  const copied = await context.cookies();
  expect(copied.some((c) => c.name.includes('session-token'))).toBe(true);
  const thief = await browser.newContext({ storageState: empty });
  await thief.addCookies(copied);
  const page = await thief.newPage();
  return { thief, page };
}

async function expectSignedOut(page: Page) {
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings/);
  const session = await page.request.get('/api/auth/session');
  expect(await session.json()).toBeNull();
}

test('a copied session cookie stops working once its browser signs out', async ({ browser }) => {
  const person = await newConsoleUser(browser, 'signout');
  const { context, page } = await signedInAs(browser, person);
  const { thief, page: stolen } = await replayCookies(browser, context);
  // While the session lives, the copy works: that is what a stolen cookie is.
  await stolen.goto('/settings');
  await expect(stolen.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  await page.goto('/settings');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectSignedOut(stolen);
  await thief.close();
  await context.close();
});

test('a password change in one browser signs every other browser out, and keeps this one', async ({
  browser,
}) => {
  const person = await newConsoleUser(browser, 'password');
  const laptop = await signedInAs(browser, person);
  const phone = await signedInAs(browser, person, iphone);
  const { thief, page: stolen } = await replayCookies(browser, phone.context);

  await laptop.page.goto('/change-password');
  await laptop.page.getByLabel('Current password').fill(person.password);
  await laptop.page.getByLabel('New password', { exact: true }).fill(`new ${person.password}`);
  await laptop.page.getByLabel('Confirm new password').fill(`new ${person.password}`);
  await laptop.page.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.page.getByRole('heading', { name: 'Overview' })).toBeVisible();

  await expectSignedOut(phone.page);
  await expectSignedOut(stolen);
  await laptop.page.goto('/settings/sessions');
  await expect(
    laptop.page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem'),
  ).toHaveCount(1);
  for (const c of [thief, phone.context, laptop.context]) await c.close();
});

test('guessing the current password is stopped after five tries', async ({ browser }) => {
  const person = await newConsoleUser(browser, 'guess');
  const { context, page } = await signedInAs(browser, person);
  await page.goto('/change-password');
  const attempt = async (current: string) => {
    await page.getByLabel('Current password').fill(current);
    await page.getByLabel('New password', { exact: true }).fill('a new passphrase here');
    await page.getByLabel('Confirm new password').fill('a new passphrase here');
    await page.getByRole('button', { name: 'Change password' }).click();
    // The form is reset once the server answered; only then is the next try typed.
    await expect(page.getByLabel('Current password')).toHaveValue('');
  };
  for (let i = 0; i < 5; i++) {
    await attempt(`guess ${i}`);
    await expect(page.getByText('Your current password is not correct.')).toBeVisible();
  }
  await attempt(person.password);
  await expect(page.getByText(/Too many attempts, try again in 1[45] minutes\./)).toBeVisible();
  await context.close();
});

test('Settings → Your sessions lists each browser and signs another one out', async ({
  browser,
}) => {
  const person = await newConsoleUser(browser, 'list');
  const laptop = await signedInAs(browser, person);
  const phone = await signedInAs(browser, person, iphone);
  const tablet = await signedInAs(browser, person, iphone.replaceAll('iPhone', 'iPad'));

  const page = laptop.page;
  await page.goto('/settings/sessions');
  const list = page.getByRole('list', { name: 'Your sessions' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  const here = list.getByRole('listitem').first();
  await expect(here).toContainText('Firefox on Linux');
  await expect(here).toContainText('This device');
  await expect(here).toContainText(/::1|127\.0\.0\.1/);
  await expect(list.getByRole('listitem').filter({ hasText: 'Safari on iPhone' })).toHaveCount(1);

  await page.getByRole('button', { name: 'Sign out Safari on iPhone' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expectSignedOut(phone.page);
  // The tablet is untouched until "everywhere else".
  await tablet.page.goto('/settings');
  await expect(tablet.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expectSignedOut(tablet.page);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign out everywhere else' })).toBeDisabled();

  await page.goto('/audit?type=user.sessions_ended');
  await expect(
    page.getByText(`${person.email} signed out everywhere else (1 session)`),
  ).toBeVisible();
  for (const c of [laptop, phone, tablet]) await c.context.close();
});

test('an owner ends another user’s sessions, and re-enabling a disabled user brings none back', async ({
  browser,
}) => {
  const person = await newConsoleUser(browser, 'ended');
  const first = await signedInAs(browser, person);
  const owner = await browser.newContext({ storageState: storageStates.owner });
  const page = await owner.newPage();
  await page.goto('/settings/users');
  const row = page.getByRole('listitem').filter({ hasText: person.email });
  await expect(row).toContainText('1 open session');
  await row.getByRole('button', { name: `End sessions of ${person.email}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Reason/).fill('lost laptop');
  await dialog.getByRole('button', { name: 'End sessions' }).click();
  await expect(row).toContainText('no open sessions');
  await expectSignedOut(first.page);

  const second = await signedInAs(browser, person);
  const { thief, page: stolen } = await replayCookies(browser, second.context);
  for (const [label, confirm] of [
    ['Disable', 'Disable'],
    ['Enable', 'Enable'],
  ] as const) {
    await row.getByRole('button', { name: label, exact: true }).click();
    await dialog.getByLabel(/Reason/).fill('checking access');
    await dialog.getByRole('button', { name: confirm, exact: true }).click();
    await expect(dialog).toBeHidden();
  }
  await expectSignedOut(stolen);
  await expectSignedOut(second.page);
  for (const c of [owner, thief, first.context, second.context]) await c.close();
});

test(
  'the sessions page reads well in light, dark and on a phone',
  { tag: '@once-per-run' },
  async ({ browser }) => {
    const person = await newConsoleUser(browser, 'looks');
    const others = [
      await signedInAs(browser, person, iphone),
      await signedInAs(browser, person, `${firefox} ${'VeryLongToolkitName/1.0 '.repeat(30)}`),
      await signedInAs(browser, person, 'curl/8.14.1'),
    ];
    const { context, page } = await signedInAs(browser, person);
    await page.goto('/settings/sessions');
    await expect(
      page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem'),
    ).toHaveCount(4);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'sessions-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/dark/);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'sessions-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole('link', { name: 'Sessions', exact: true })).toBeInViewport();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await shoot(page, 'sessions-phone');
    for (const c of [...others.map((o) => o.context), context]) await c.close();
  },
);
