import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { storageStates } from './fixtures/accounts';
import { seriousViolations } from './support/axe';
import { shoot } from './support/screenshots';

test.describe('audit trail integrity', () => {
  test.use({ storageState: storageStates.auditor });

  test('an auditor verifies the sealed trail, sees the badge, and checks an export offline', async ({
    page,
  }) => {
    // The demo's month of history is sealed within seconds of its replay; the badge says how far
    // sealing reaches whatever was verified, and it stays current without a reload.
    await page.goto('/audit/integrity');
    await expect(page.getByRole('heading', { level: 1, name: 'Integrity' })).toBeVisible();
    await expect(page.getByTestId('seal-badge')).toContainText(
      /Sealed up to (now|\d+ (seconds?|minutes?) ago) · [1-9][\d,]{3,} events/,
      { timeout: 60_000 },
    );
    // "Verify now" reads the whole trail: verify until the demo's history is sealed.
    await expect(async () => {
      await page.getByRole('button', { name: 'Verify now' }).click();
      await expect(page.getByTestId('verification-badge')).toContainText(
        /Verified (just now|\d+ seconds? ago) · all [1-9][\d,]{3,} events/,
        { timeout: 3000 },
      );
    }).toPass({ timeout: 60_000 });
    await expect(page.getByTestId('verification-facts')).toContainText(
      'Full: every checkpoint and event',
    );
    await expect(page.getByRole('button', { name: 'Verify now' })).toBeEnabled();
    await expect(page.getByTestId('integrity-problems')).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'light-audit-integrity');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await shoot(page, 'dark-audit-integrity');
    await page.getByRole('radio', { name: 'Light' }).click();

    // The badge is on the trail too, and leads back here.
    await page.goto('/audit');
    await expect(page.getByTestId('seal-badge')).toContainText('Sealed up to');
    const badge = page.getByTestId('verification-badge');
    await expect(badge).toContainText(/Verified .* · all [1-9][\d,]{3,} events/);
    await shoot(page, 'light-audit-integrity-badge', false);
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await shoot(page, 'dark-audit-integrity-badge', false);
    await page.getByRole('radio', { name: 'Light' }).click();
    await badge.click();
    await expect(page).toHaveURL(/\/audit\/integrity$/);

    // The sealed export, checked by the offline script against the keys the hub publishes.
    const keys = (await (await page.request.get('/api/v1/audit/keys')).json()) as {
      keys: { kid: string }[];
    };
    expect(keys.keys.length).toBeGreaterThan(0);
    const response = await page.request.get('/api/v1/audit/sealed-export');
    expect(response.status()).toBe(200);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sealed-e2e-')), 'trail.ndjson');
    writeFileSync(file, await response.body());
    const verifier = path.join(process.cwd(), 'lib/audit/seal/verify-export.mjs');
    const out = execFileSync('node', [verifier, file], { encoding: 'utf8' });
    expect(out).not.toContain('PROBLEM');
    expect(out).toMatch(/^OK: [1-9][\d]* events proven by [1-9]\d* signed checkpoints/m);
  });
});
