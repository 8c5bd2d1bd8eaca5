import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_OUTPUT, storageStates } from './fixtures/accounts';
import { personaAgents } from './fixtures/persona-agents';
import { signInAsPersona } from './fixtures/sign-in';
import { seriousViolations } from './support/axe';
import { shoot } from './support/screenshots';
import { captureAction, replayAs } from './support/server-actions';

const priya = 'u-priya-natarajan';

/** Signs in as a demo end user and opens their page, which holds what the test made at once. */
async function signInAs(page: Page, sub: string) {
  await signInAsPersona(page.request, sub);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/account$/);
}

/** Another demo end user's session, saved for replaying a request as them. */
async function sessionOf(browser: Browser, sub: string): Promise<string> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await signInAsPersona(context.request, sub);
  const path = `${E2E_OUTPUT}/auth/${sub}.json`;
  await context.storageState({ path });
  await context.close();
  return path;
}

/** The test's own agents approved by Priya, made with an admin's console session. */
async function agentsOfPriya(browser: Browser, scopes: string[], count: number) {
  const admin = await browser.newContext({ storageState: storageStates.admin });
  const agents = await personaAgents(admin.request, priya, scopes, count);
  await admin.close();
  return agents;
}

/** The card of one agent on the end user's page. */
const cardOf = (page: Page, name: string) =>
  page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 2, name }) })
    .last();

test.describe('the end user’s own page', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('shows each agent with what it may do and did lately, and works on a phone', async ({
    page,
    browser,
  }) => {
    const [agent] = await agentsOfPriya(browser, ['notes:read', 'notes:write'], 1);
    await signInAs(page, priya);
    const card = cardOf(page, agent!.name);
    await expect(
      card.getByRole('button', { name: `Revoke access of ${agent!.name}` }),
    ).toBeVisible();
    await expect(card).toContainText(/Allowed .* ago/);
    // Raw scopes stay out of the text and show on hover.
    const permission = card.getByRole('list', { name: /^Permissions on / }).locator('li');
    await expect(permission.first().locator('[title]').first()).toHaveAttribute('title', /\S/);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'account-priya');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/dark/);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'account-priya-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await shoot(page, 'account-priya-phone');
  });

  test('removing one permission and revoking an agent take effect at once, only for oneself', async ({
    page,
    browser,
  }) => {
    // Two agents of the test's own: one loses a permission and then all access, one stays.
    const [agent, other] = await agentsOfPriya(browser, ['notes:read', 'notes:write'], 2);
    await signInAs(page, priya);
    // the test's own agents on the page (other tests add theirs to Priya's page meanwhile)
    const agents = page.getByRole('heading', { level: 2, name: agent!.name.slice(0, -1) });
    await expect(agents).toHaveCount(2);
    const agentCount = await agents.count();

    // One permission: confirm, and it is gone from the page.
    const remove = cardOf(page, agent!.name)
      .getByRole('button', { name: /^Remove “/ })
      .first();
    const label = (await remove.getAttribute('aria-label'))!;
    await remove.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Remove this permission?');
    const request = await captureAction(page, () =>
      dialog.getByRole('button', { name: 'Remove', exact: true }).click(),
    );
    await expect(page.getByRole('button', { name: label, exact: true })).toHaveCount(0);

    // Replayed by Maya (her own session) or by nobody, the same request changes nothing of Priya's.
    const maya = await sessionOf(browser, 'u-maya-chen');
    expect(await replayAs(browser, maya, request)).toContain('not yours to remove');
    expect(await replayAs(browser, undefined, request)).toContain('Your session has ended');

    // A whole agent.
    const first = agent!.name;
    await page.getByRole('button', { name: `Revoke access of ${first}` }).click();
    await expect(page.getByRole('dialog')).toContainText(`Revoke access of ${first}?`);
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click();
    await expect(page.getByRole('button', { name: `Revoke access of ${first}` })).toHaveCount(0);
    await expect(agents).toHaveCount(agentCount - 1);
    await expect(
      page.getByRole('button', { name: `Revoke access of ${other!.name}` }),
    ).toBeVisible();

    // The console's audit trail names Priya as the actor, with the revocation entries made.
    const admin = await browser.newContext({ storageState: storageStates.admin });
    const audit = await admin.request.get(
      `/api/v1/audit-events?type=user.consent.revoked,user.consent.narrowed&sub=${priya}&client_id=${encodeURIComponent(agent!.clientId)}`,
    );
    expect(audit.status()).toBe(200);
    const { items } = (await audit.json()) as {
      items: { type: string; actor: { type: string; id: string } }[];
    };
    expect(items.map((e) => e.type)).toEqual(
      expect.arrayContaining(['user.consent.narrowed', 'user.consent.revoked']),
    );
    expect(items.every((e) => e.actor.type === 'user' && e.actor.id === priya)).toBe(true);
    await admin.close();
  });
});
