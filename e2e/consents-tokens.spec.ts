import { expect, test } from '@playwright/test';
import { BASE_URL, storageStates } from './fixtures/accounts';
import { ownGrant } from './fixtures/grants';
import { seriousViolations } from './support/axe';
import { shoot } from './support/screenshots';
import { captureAction, replayAs } from './support/server-actions';

test.describe('consents and tokens', () => {
  test.use({ storageState: storageStates.admin });

  test('an admin filters consents, opens one and removes a permission with a reason', async ({
    page,
  }) => {
    // A consent of this test's own: the demo's may be narrowed by another test, or by this one before.
    const grant = await ownGrant(page.request, 'narrow', ['notes:read', 'notes:write']);
    await page.goto('/consents');
    await page
      .getByRole('searchbox', { name: 'Search user, client ID, agent or scope' })
      .fill(grant.sub);
    await expect(page).toHaveURL(new RegExp(`q=${grant.sub}`));
    await page.locator('summary', { hasText: 'Status' }).click();
    // The checkbox follows the URL: it shows checked once the filtered page has arrived.
    await page.getByRole('checkbox', { name: /^active/ }).click();
    await expect(page).toHaveURL(/status=active/);
    await expect(page.getByRole('checkbox', { name: /^active/ })).toBeChecked();
    await page.keyboard.press('Escape');
    const row = page.getByRole('row').filter({ hasText: grant.agentName });
    await expect(row).toHaveCount(1);
    await expect(page.getByRole('row').filter({ hasText: 'revoked' })).toHaveCount(0);
    await row.getByRole('link', { name: grant.sub }).first().click();

    await expect(page.getByRole('heading', { level: 1 })).toContainText(grant.agentName);
    const permissions = page.getByRole('list', { name: 'Current permissions' });
    await expect(permissions.getByText('notes:write', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Remove permissions' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'notes:write' }).check();
    await dialog.getByLabel(/Reason/).fill('Least privilege review: read-only is enough');
    await dialog.getByRole('button', { name: 'Remove permissions' }).click();
    await expect(dialog.getByText('Removed one permission.')).toBeVisible();
    await expect(dialog.getByText(/Still granted/)).toContainText('notes:read');
    await expect(
      dialog.getByText(/revocation entr|no server had to be told/).first(),
    ).toBeVisible();
    await shoot(page, 'consent-narrowed-outcome');
    await dialog.getByRole('button', { name: 'Done' }).click();

    const history = page.getByRole('list', { name: 'Scope history' });
    const newest = history.getByRole('listitem').first();
    await expect(newest).toContainText('narrowed');
    await expect(newest).toContainText('Least privilege review: read-only is enough');
    await expect(newest).toContainText('admin@e2e.test');
    await expect(permissions.getByText('notes:write', { exact: true })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('an admin revokes a whole refresh family from a token’s page', async ({ page }) => {
    // A family of this test's own: others running beside it revoke the demo's tokens.
    const grant = await ownGrant(page.request, 'family');
    await page.goto(grant.pages.refresh);
    await expect(page.getByRole('heading', { level: 1, name: 'Refresh token' })).toBeVisible();
    const tree = page.getByRole('list', { name: 'Refresh family' });
    await expect(tree.locator('li[aria-current="true"]')).toHaveCount(1);
    await page.getByRole('button', { name: 'Revoke whole family' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('Laptop reported stolen');
    await dialog.getByRole('button', { name: 'Revoke family' }).click();
    await expect(dialog.getByText('The whole refresh family is revoked.')).toBeVisible();
    await expect(dialog.getByText(/family: a refresh family/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();

    const nodes = tree.getByRole('listitem');
    expect(await nodes.count()).toBeGreaterThan(1);
    for (const node of await nodes.all()) await expect(node).toContainText('revoked');
    await expect(page.getByText('Laptop reported stolen').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Revoke whole family' })).toBeDisabled();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a suspended agent’s tokens say they are refused, why and since when, everywhere', async ({
    page,
  }) => {
    // The authorization server never reports these tokens revoked: only the hub's entry refuses them.
    const grant = await ownGrant(page.request, 'refused');
    const listed = await page.request.get(
      `/api/v1/agents?client_id=${encodeURIComponent(grant.clientId)}`,
    );
    const agentId = ((await listed.json()) as { items: { id: string }[] }).items[0]!.id;
    const suspended = await page.request.post(`/api/v1/agents/${agentId}/verification`, {
      headers: { origin: BASE_URL },
      data: { status: 'suspended', reason: 'Leaked key INC-5150' },
    });
    expect(suspended.status()).toBe(200);
    const seq = ((await suspended.json()) as { revocation_seq: string }).revocation_seq;

    await page.goto(grant.pages.access);
    await expect(page.getByRole('heading', { name: 'Why it is refused' })).toBeVisible();
    await expect(
      page.getByText(/^Refused since .+: its agent was suspended, blocked or removed\.$/),
    ).toBeVisible();
    await expect(page.getByText('Leaked key INC-5150')).toBeVisible();
    await expect(page.getByText('nothing has ended it')).toHaveCount(0);
    await expect(page.getByRole('link', { name: `Revocation entry #${seq}` })).toHaveAttribute(
      'href',
      `/revocations/${seq}`,
    );
    await shoot(page, 'token-refused');

    await page.goto(`/tokens?q=${encodeURIComponent(grant.sub)}`);
    const rows = page.getByRole('row').filter({ hasText: grant.agentName });
    await expect(rows).toHaveCount(3);
    for (const row of await rows.all()) {
      await expect(row).toContainText('refused');
      await expect(row).toContainText('Leaked key INC-5150');
    }
    await page.goto(`/tokens?q=${encodeURIComponent(grant.sub)}&state=active`);
    await expect(page.getByRole('row').filter({ hasText: grant.agentName })).toHaveCount(0);
    await page.goto(`/agents/${agentId}`);
    await expect(page.getByText(/^3 tokens are refused/)).toBeVisible();
    await shoot(page, 'agent-tokens-refused');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('an auditor sees no revoke buttons, and a replayed revoke is refused', async ({
    page,
    browser,
  }) => {
    // The admin revokes an access token of this test's own; the request is kept for replay.
    const grant = await ownGrant(page.request, 'replay');
    await page.goto(grant.pages.access);
    await expect(page.getByRole('heading', { level: 1, name: 'Access token' })).toBeVisible();
    const tokenUrl = page.url();
    await page.getByRole('button', { name: 'Revoke token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('Replay target');
    const request = await captureAction(page, () =>
      dialog.getByRole('button', { name: 'Revoke token' }).click(),
    );
    await expect(dialog.getByText('The token is revoked.')).toBeVisible();

    expect(await replayAs(browser, storageStates.auditor, request)).toContain(
      'Your role may not do this.',
    );
    expect(await replayAs(browser, undefined, request)).toContain(
      'Your session has ended. Sign in again.',
    );

    const auditor = await browser.newContext({ storageState: storageStates.auditor });
    const auditorPage = await auditor.newPage();
    await auditorPage.goto(tokenUrl);
    await expect(auditorPage.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(auditorPage.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
    await auditorPage.goto(`/consents?status=active&q=${grant.sub}`);
    await auditorPage
      .getByRole('table')
      .locator('tbody')
      .getByRole('link', { name: /./ })
      .nth(1)
      .click();
    await expect(auditorPage).toHaveURL(/\/consents\/[0-9a-f-]{36}$/);
    await expect(auditorPage.getByRole('list', { name: 'Scope history' })).toBeVisible();
    await expect(auditorPage.getByRole('button', { name: /Revoke|Remove/ })).toHaveCount(0);
    await auditor.close();
  });

  test(
    'tables and pages in light and dark, and 800 px wide',
    { tag: '@once-per-run' },
    async ({ browser }) => {
      test.setTimeout(240_000);
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({
          storageState: storageStates.owner,
          colorScheme: scheme,
        });
        const page = await context.newPage();
        // consents and a refresh family of the test's own, in tables that hold others' too
        const grant = await ownGrant(page.request, `shots-${scheme}`);
        const shots: [string, string][] = [];
        await page.goto('/consents');
        await expect(page.getByRole('heading', { level: 1, name: 'Consents' })).toBeVisible();
        shots.push(['/consents', 'consents']);
        await page.goto(`/consents?q=${grant.sub}`);
        await page
          .getByRole('table')
          .locator('tbody')
          .getByRole('link', { name: grant.sub })
          .first()
          .click();
        await expect(page.getByRole('list', { name: 'Scope history' })).toBeVisible();
        shots.push([new URL(page.url()).pathname, 'consent']);
        await page.goto('/tokens');
        await expect(page.getByText('refresh token').first()).toBeVisible();
        shots.push(['/tokens', 'tokens']);
        await page.goto(`/tokens?type=refresh_token&sort=issued.asc&q=${grant.sub}`);
        await page.getByRole('table').locator('tbody').getByRole('link').first().click();
        await expect(page.getByRole('list', { name: 'Refresh family' })).toBeVisible();
        shots.push([new URL(page.url()).pathname, 'token']);
        for (const [path, name] of shots) {
          await page.setViewportSize({ width: 1280, height: 900 });
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          if (scheme === 'light') expect(await seriousViolations(page)).toEqual([]);
          await shoot(page, `${scheme}-${name}`);
          await page.setViewportSize({ width: 800, height: 900 });
          await shoot(page, `${scheme}-${name}-800`);
        }
        await context.close();
      }
    },
  );
});
