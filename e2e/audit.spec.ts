import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, storageStates } from './fixtures/accounts';
import { OWN_TRAIL, ownAuditTrail } from './fixtures/audit-trail';
import { seriousViolations } from './support/axe';
import { shoot } from './support/screenshots';

/**
 * Each test writes an audit trail of its own (an agent's tool calls, denials and tokens) and
 * reads it back by that agent's client_id, so what it sees is exactly what it wrote.
 */
const forAgent = (clientId: string) => `client_id=${encodeURIComponent(clientId)}`;

/** The trail written as an admin, for a test whose own page is an auditor's (who cannot). */
async function ownAuditTrailAsAdmin(playwright: PlaywrightFixture, label: string) {
  const admin = await playwright.request.newContext({
    baseURL: BASE_URL,
    storageState: storageStates.admin,
  });
  try {
    return await ownAuditTrail(admin, label);
  } finally {
    await admin.dispose();
  }
}
type PlaywrightFixture = Parameters<Parameters<typeof test>[2]>[0]['playwright'];

const rows = (page: Page) => page.locator('tbody tr');

test.describe('audit trail', () => {
  test.use({ storageState: storageStates.admin });

  test('filters live in the URL, survive a reload, and page by cursor', async ({ page }) => {
    const { clientId } = await ownAuditTrail(page.request, 'filters');
    await page.goto('/audit');
    await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
    await shoot(page, 'light-audit');

    // A type from the facet, then the agent of the first row typed into its field.
    await page.locator('summary', { hasText: 'Type' }).click();
    // A controlled checkbox: it turns checked once the URL (the state) has changed.
    await page.getByRole('checkbox', { name: 'tool.invoked' }).click();
    await expect(page).toHaveURL(/type=tool\.invoked/);
    await page.keyboard.press('Escape');
    await page.getByLabel('Agent (client_id)').fill(clientId);
    await page.getByLabel('Agent (client_id)').press('Enter');
    await expect(page).toHaveURL(new RegExp(`client_id=${encodeURIComponent(clientId)}`));
    await expect(rows(page).first()).toContainText(clientId);

    await page.reload();
    await expect(page.getByLabel('Agent (client_id)')).toHaveValue(clientId);
    await expect(page.locator('summary', { hasText: 'Type' })).toContainText('Tool called');
    for (const text of await rows(page)
      .locator('td:nth-child(2) [data-type-code]')
      .allTextContents()) {
      expect(text).toBe('tool.invoked');
    }
    const clientCells = rows(page).locator('td:nth-child(5)');
    await expect(clientCells).toHaveCount(OWN_TRAIL.toolCalls);
    for (const text of await clientCells.allTextContents()) expect(text).toContain(clientId);

    // Keyset paging: Older adds a cursor and shows the rest, Newest goes back to the first page.
    await page.getByLabel('Rows').selectOption('25');
    await expect(rows(page)).toHaveCount(25);
    const firstPage = (await rows(page).first().textContent())!;
    await page.getByRole('link', { name: 'Older' }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(rows(page)).toHaveCount(OWN_TRAIL.toolCalls - 25);
    await expect(rows(page).first()).not.toHaveText(firstPage);
    await page.getByRole('link', { name: 'Newest' }).click();
    await expect(page).not.toHaveURL(/cursor=/);
    await expect(rows(page).first()).toHaveText(firstPage);

    // Free text and a quick time range; nothing matching says what to change.
    await page.getByRole('button', { name: 'Last 24 h' }).click();
    await expect(page).toHaveURL(/after=\d{4}-\d\d-\d\dT/);
    await page.getByPlaceholder('Search events…').fill('zzz-nothing-like-this');
    await page.getByPlaceholder('Search events…').press('Enter');
    await expect(page.getByText('No events match this filter')).toBeVisible();
    await expect(page.getByText(/Widen the time range/)).toBeVisible();
    await page.getByRole('link', { name: 'Clear every filter' }).click();
    await expect(page).not.toHaveURL(/client_id=|q=|after=/);
    await expect(rows(page).first()).toBeVisible();
  });

  test('the event drawer shows every field and the raw event, and Escape closes it', async ({
    page,
  }) => {
    const { clientId } = await ownAuditTrail(page.request, 'drawer');
    await page.goto(`/audit?type=tool.invoked&${forAgent(clientId)}`);
    const link = page.locator('[data-event-link]').first();
    const id = await link.getAttribute('data-event-link');
    await link.click();
    await expect(page).toHaveURL(new RegExp(`event=${id}`));
    const drawer = page.getByRole('dialog');
    await expect(drawer).toBeVisible();
    await expect(drawer.getByText('Agent (client_id)')).toBeVisible();
    await expect(drawer.getByTestId('raw-event')).toContainText('"specversion": "1.0"');
    await expect(drawer.getByTestId('raw-event')).toContainText('"type": "tool.invoked"');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'light-audit-drawer', false);

    // Shared as a link, the drawer opens by itself.
    await page.reload();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page).not.toHaveURL(/event=/);
    await expect(page.locator(`[data-event-link="${id}"]`)).toBeFocused();

    await page.locator(`[data-event-link="${id}"]`).press('Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.locator(`[data-event-link="${id}"]`)).toBeFocused();

    await page.goto('/audit?event=999999999999');
    await expect(page.getByRole('dialog')).toContainText('Event not found');
  });

  test('exports the current filter as CSV with progress, and the file holds it', async ({
    page,
  }) => {
    // Take the Blob path (no save dialog to answer in a headless browser).
    await page.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    });
    const { clientId } = await ownAuditTrail(page.request, 'export');
    await page.goto(`/audit?type=tool.denied,token.issued&${forAgent(clientId)}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-events-\d{8}T\d{6}Z\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,occurred_at,recorded_at,type,source_id,actor_type,actor_id,actor_label,issuer,client_id,sub,resource,tool,token_ref,outcome,ip,user_agent,reason,summary,data',
    );
    expect(lines.length - 1).toBe(OWN_TRAIL.denials + OWN_TRAIL.tokens);
    for (const line of lines.slice(1)) {
      expect(line).toMatch(/^\d+,[^,]+,[^,]+,(tool\.denied|token\.issued),/);
      expect(line).toContain(clientId);
    }
    const progress = page.getByTestId('export-progress');
    await expect(progress).toHaveText(
      new RegExp(
        `Downloaded audit-events-.*\\.csv: ${(lines.length - 1).toLocaleString('en')} rows`,
      ),
    );
    await shoot(page, 'light-audit-exported', false);
  });

  test('the progress shows rows as they stream, and Cancel stops the export', async ({ page }) => {
    await page.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    });
    await page.goto('/audit');
    // Hold the answer back until Cancel is pressed, so the running state is seen before it ends.
    let release!: () => void;
    const cancelled = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/audit-events/export*', async (route) => {
      await cancelled;
      await route.continue().catch(() => {}); // the page may have aborted it already
    });
    await page.getByRole('button', { name: 'Export NDJSON' }).click();
    await expect(page.getByTestId('export-progress')).toContainText('Exporting NDJSON: 0 rows');
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText(/Export cancelled after/)).toBeVisible();
    release();
  });
});

test.describe('audit trail as an auditor', () => {
  test.use({ storageState: storageStates.auditor });

  test('an auditor reads and exports, through the console and the API', async ({
    page,
    playwright,
  }) => {
    await page.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    });
    const { clientId } = await ownAuditTrailAsAdmin(playwright, 'auditor');
    await page.goto(`/audit?outcome=denied&${forAgent(clientId)}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export NDJSON' }).click(),
    ]);
    const events = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { outcome: string; data: unknown });
    expect(events).toHaveLength(OWN_TRAIL.denials);
    for (const e of events) expect(e.outcome).toBe('denied');

    const api = await page.request.get('/api/v1/audit-events?type=audit.exported&limit=5');
    expect(api.status()).toBe(200);
    const body = (await api.json()) as { items: { summary: string; data: unknown }[] };
    expect(body.items[0]).toMatchObject({
      summary: expect.stringMatching(/^auditor@e2e\.test exported the audit trail as NDJSON/),
      data: { format: 'ndjson', filter: { outcome: 'denied', client_id: clientId } },
    });
    expect((await page.request.get('/api/v1/audit-events?after=yesterday')).status()).toBe(422);
  });

  test('a bad link names what it ignored; the page has no serious axe violations', async ({
    page,
    playwright,
  }) => {
    const { clientId } = await ownAuditTrailAsAdmin(playwright, 'bad-link');
    await page.goto(`/audit?after=soon&type=tool.invoked&${forAgent(clientId)}`);
    await expect(page.getByRole('alert').filter({ hasText: 'ignored' })).toContainText('after');
    await expect(rows(page).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe('the type filter', () => {
  test.use({ storageState: storageStates.admin });

  test('groups types by category, finds them by label or code, and works by keyboard', async ({
    page,
  }) => {
    await page.goto('/audit?type=acme.widget_frobbed');
    const summary = page.locator('summary', { hasText: 'Type' });
    await summary.click();
    const menu = page.locator('details[open]');
    const search = page.getByRole('searchbox', { name: 'Find an event type' });
    await expect(search).toBeFocused();
    // Each category is a named group; a type the catalogue does not know sits under Other.
    for (const name of ['Agents', 'Consents & tokens', 'Console users & sign-in', 'Other']) {
      await expect(menu.getByRole('group', { name, exact: true })).toBeVisible();
    }
    const other = menu.getByRole('group', { name: 'Other', exact: true });
    await expect(other.getByRole('checkbox', { name: 'acme.widget_frobbed' })).toBeChecked();
    await shoot(page, 'light-audit-type-filter', false);
    expect(await seriousViolations(page)).toEqual([]);

    await search.fill('suspend');
    const agents = menu.getByRole('group', { name: 'Agents', exact: true });
    await expect(agents.getByRole('checkbox')).toHaveCount(1);
    await expect(menu.getByRole('group')).toHaveCount(1);
    await expect(agents.getByText('agent.suspended')).toBeVisible();
    await search.fill('zzz');
    await expect(page.getByText('No event type matches “zzz”.')).toBeVisible();
    // By code too, and Down then Space picks it.
    await search.fill('admin.token');
    await expect(menu.getByRole('checkbox')).toHaveCount(2);
    await search.press('ArrowDown');
    await expect(
      page.getByRole('checkbox', { name: /admin\.token\.family_revoked/ }),
    ).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page).toHaveURL(/type=acme\.widget_frobbed(%2C|,)admin\.token\.family_revoked/);
    await expect(summary).toContainText('2 selected');
    await page.keyboard.press('Escape');
    await expect(summary).toBeFocused();
    await expect(search).toBeHidden();
  });

  test('dark and on a phone', { tag: '@once-per-run' }, async ({ page }) => {
    await page.goto('/audit');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.goto('/audit?type=agent.suspended');
    await page.locator('summary', { hasText: 'Type' }).click();
    await expect(page.getByRole('checkbox', { name: /agent\.suspended/ })).toBeChecked();
    await shoot(page, 'dark-audit-type-filter', false);
    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: 'Light' }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/audit');
    await page.locator('summary', { hasText: 'Type' }).click();
    await page.getByRole('searchbox', { name: 'Find an event type' }).fill('token');
    const panel = page.getByRole('group', { name: 'Consents & tokens', exact: true });
    await expect(panel).toBeVisible();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await shoot(page, 'phone-audit-type-filter', false);
  });
});

test.describe('audit trail looks', () => {
  test.use({ storageState: storageStates.owner });

  test('dark, and 800 px wide', { tag: '@once-per-run' }, async ({ page }) => {
    const { clientId } = await ownAuditTrail(page.request, 'looks');
    await page.goto('/audit');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.goto(`/audit?type=tool.invoked&${forAgent(clientId)}`);
    await shoot(page, 'dark-audit');
    await page.locator('[data-event-link]').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shoot(page, 'dark-audit-drawer', false);
    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: 'Light' }).click();
    await page.setViewportSize({ width: 800, height: 1000 });
    await page.goto('/audit');
    await shoot(page, 'narrow-audit');
    await page.locator('[data-event-link]').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shoot(page, 'narrow-audit-drawer', false);
  });
});
