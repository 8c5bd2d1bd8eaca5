import { expect, test, type Page } from '@playwright/test';
import { storageStates } from './fixtures/accounts';
import { seriousViolations } from './support/axe';
import { ownerPages } from './support/console-pages';

// Every page a person can reach, in both themes: no serious or critical axe violations. The
// owner's pages come from the discovery of app/ (each detail page through its list's first link).
// Once per run, in the PostgreSQL pass (@once-per-run-pg; see .ci/run): the demo's pages render
// the same markup whichever database holds their rows.
const { fixed, detail, others } = ownerPages();

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

    test(
      `console pages have no serious axe violations`,
      { tag: '@once-per-run-pg' },
      async ({ page }) => {
        test.setTimeout(300_000);
        await setTheme(page, theme);
        const found: string[] = [];
        const paths = fixed.map((p) => p.path);
        for (const { list, link } of detail) {
          const detail = await firstDetailLink(page, list, link);
          expect(detail, `a link to a detail page on ${list}`).not.toBeNull();
          paths.push(detail!);
        }
        for (const path of paths) {
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          for (const violation of await seriousViolations(page))
            found.push(`${path}: ${violation}`);
        }
        expect(found).toEqual([]);
      },
    );
  });
}

test(
  'the sign-in page and the end user page have no serious axe violations',
  { tag: '@once-per-run-pg' },
  async ({ page }) => {
    expect(others, 'the pages the owner cannot open, all checked here').toEqual([
      '/account',
      '/login',
    ]);
    await page.goto('/login');
    const found = (await seriousViolations(page)).map((v) => `/login: ${v}`);
    await page.getByRole('button', { name: /Continue as Maya Chen/ }).click();
    await expect(page).toHaveURL(/\/account$/);
    found.push(...(await seriousViolations(page)).map((v) => `/account: ${v}`));
    expect(found).toEqual([]);
  },
);
