import { expect, test, type Page } from '@playwright/test';
import { storageStates } from './fixtures/accounts';
import { seriousViolations } from './support/axe';

// Every page a person can reach, in both themes: no serious or critical axe violations.
const consolePages = [
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
  '/settings/sessions',
  '/change-password',
];

/** The detail page behind the first link of a table, e.g. the first agent of /agents. */
const detailPages = [
  { list: '/agents', link: /^\/agents\/[0-9a-f-]{36}$/ },
  { list: '/consents', link: /^\/consents\/[0-9a-f-]{36}$/ },
  { list: '/tokens', link: /^\/tokens\/[0-9a-f-]{36}$/ },
  { list: '/mcp-servers', link: /^\/mcp-servers\/[0-9a-f-]{36}$/ },
];

async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.goto('/');
  await page.getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' }).click();
  await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /dark/ : /^(?!.*dark)/);
}

async function firstDetailLink(page: Page, list: string, link: RegExp): Promise<string | null> {
  await page.goto(list);
  const hrefs = await page
    .locator('main a[href]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.find((href) => link.test(href)) ?? null;
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`accessibility (${theme})`, () => {
    test.use({ storageState: storageStates.owner });

    test(`console pages have no serious axe violations`, async ({ page }) => {
      test.setTimeout(300_000);
      await setTheme(page, theme);
      const found: string[] = [];
      const paths = [...consolePages];
      for (const { list, link } of detailPages) {
        const detail = await firstDetailLink(page, list, link);
        expect(detail, `a link to a detail page on ${list}`).not.toBeNull();
        paths.push(detail!);
      }
      for (const path of paths) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        for (const violation of await seriousViolations(page)) found.push(`${path}: ${violation}`);
      }
      expect(found).toEqual([]);
    });
  });
}

test('the sign-in page and the end user page have no serious axe violations', async ({ page }) => {
  await page.goto('/login');
  const found = (await seriousViolations(page)).map((v) => `/login: ${v}`);
  await page.getByRole('button', { name: /Continue as Maya Chen/ }).click();
  await expect(page).toHaveURL(/\/account$/);
  found.push(...(await seriousViolations(page)).map((v) => `/account: ${v}`));
  expect(found).toEqual([]);
});
