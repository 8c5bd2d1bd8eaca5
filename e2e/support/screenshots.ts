import type { Page } from '@playwright/test';

/** A PNG of the page in `e2e/.output/screenshots/`, for a person to look at. */
export function shoot(page: Page, name: string, fullPage = true) {
  return page.screenshot({ path: `e2e/.output/screenshots/${name}.png`, fullPage });
}
