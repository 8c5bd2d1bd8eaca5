import { expect, test } from '@playwright/test';
import { BASE_URL, storageStates } from './fixtures/accounts';
import { ownGrant } from './fixtures/grants';
import { createSource } from './fixtures/sources';
import { seriousViolations } from './support/axe';
import { startRevocationReceiver } from './support/revocation-receiver';
import { shoot } from './support/screenshots';

test.describe('revocations', () => {
  test.use({ storageState: storageStates.owner });

  test('an admin revokes a token; the page says which push servers confirmed it', async ({
    page,
  }) => {
    const up = await startRevocationReceiver(204);
    const down = await startRevocationReceiver(503);
    try {
      const stamp = Date.now();
      for (const [receiver, name] of [
        [up, `E2E push up ${stamp}`],
        [down, `E2E push down ${stamp}`],
      ] as const) {
        const created = await createSource(page.request, {
          name,
          kind: 'mcp_server',
          resource: `https://${name.replaceAll(' ', '-').toLowerCase()}.e2e.example`,
          revocation_webhook_url: receiver.url,
        });
        receiver.useSecret(created.signing_secret);
      }
      // The test's own live access token; revoke it through the management API.
      const grant = await ownGrant(page.request, 'revocations');
      const tokenId = grant.pages.access.split('/').at(-1)!;
      const revoked = await page.request.post(`/api/v1/tokens/${tokenId}/revoke`, {
        headers: { origin: BASE_URL },
        data: { reason: 'E2E: laptop lost' },
      });
      expect(revoked.status()).toBe(200);
      const seq = ((await revoked.json()) as { revocation_entries: { seq: string }[] })
        .revocation_entries[0]!.seq;
      await expect.poll(() => up.received.some((r) => r.event.data.seq === seq)).toBe(true);
      await expect.poll(() => down.received.some((r) => r.event.data.seq === seq)).toBe(true);
      expect(up.refused() + down.refused()).toBe(0);

      await page.goto('/revocations');
      await expect(page.getByRole('heading', { level: 1, name: 'Revocations' })).toBeVisible();
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: seq }) });
      await expect(row).toContainText('E2E: laptop lost');
      await expect(row).toContainText(
        new RegExp(
          `Effective at 1 of \\d+; .*E2E push down ${stamp} unreachable, retrying \\(attempt 2, next \\d\\d:\\d\\d:\\d\\d\\)|\\d+ servers unreachable`,
        ),
      );
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'revocations-light');
      await page.getByRole('radio', { name: 'Dark' }).click();
      await expect(page.locator('html')).toHaveClass(/dark/);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'revocations-dark');

      await row.getByRole('link', { name: seq }).click();
      await expect(
        page.getByRole('heading', { level: 1, name: `Entry ${seq} · Token` }),
      ).toBeVisible();
      await expect(
        page.getByRole('heading', { name: new RegExp(`E2E push down ${stamp}.*Retrying at`) }),
      ).toBeVisible();
      await expect(page.getByText('HTTP 503', { exact: true }).first()).toBeVisible();
      // the receiver's own words are never kept nor shown
      await expect(page.getByText('maintenance')).toHaveCount(0);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'revocation-entry-dark');
      await page.getByRole('radio', { name: 'Light' }).click();
      await shoot(page, 'revocation-entry-light');
    } finally {
      await up.close();
      await down.close();
    }
  });
});
