import type { Page } from '@playwright/test';

/**
 * A PNG of the page in `e2e/.output/screenshots/`, for a person to look at; nothing checks it.
 * E2E_SCREENSHOTS=off leaves them out: npm test's PostgreSQL pass would take the same pictures
 * as its PGlite pass into the same files.
 */
export async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  if (process.env.E2E_SCREENSHOTS === 'off') return;
  await page.screenshot({ path: `e2e/.output/screenshots/${name}.png`, fullPage });
}
