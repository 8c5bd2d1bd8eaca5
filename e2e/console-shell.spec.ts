import { expect, test } from '@playwright/test';
import { storageStates } from './fixtures/accounts';
import { discovered, expected, pages } from './fixtures/console-pages';
import { shoot } from './support/screenshots';

test('the console pages checked here are the ones in app/', () => {
  expect(discovered.sort()).toEqual(Object.keys(expected).sort());
});

test.describe('console shell', () => {
  test.use({ storageState: storageStates.owner });

  test('the sidebar navigates and marks the current page', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Audit trail' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Audit trail' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  test('dark mode is kept across pages', { tag: '@once-per-run' }, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    for (const p of pages) {
      await page.goto(p.path);
      await expect(page.locator('html')).toHaveClass(/dark/);
      await shoot(page, `dark${p.path === '/' ? '-overview' : p.path.replaceAll('/', '-')}`);
    }
  });

  test('every page runs its scripts under a nonce of its own, with no policy violation', async ({
    page,
    browser,
  }) => {
    const violations: string[] = [];
    const watch = async (p: typeof page) => {
      p.on('console', (m) => {
        if (/content.security.policy|violation/i.test(m.text())) violations.push(m.text());
      });
      await p.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
        );
      });
    };
    await watch(page);
    const nonces = new Set<string>();
    const visit = async (p: typeof page, path: string) => {
      const response = await p.goto(path);
      const headers = response!.headers();
      const policy = headers['content-security-policy'] ?? '';
      expect(policy, path).toContain("'strict-dynamic'");
      expect(policy, path).toContain("object-src 'none'");
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      // this hub's HUB_URL is http: no HSTS (lib/http/security-headers.test.ts covers https)
      expect(headers['strict-transport-security'], path).toBeUndefined();
      expect(await p.locator('script[nonce]').count(), path).toBeGreaterThan(0);
    };
    for (const p of pages) {
      await visit(page, p.path);
      await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
    }
    // Next's scripts ran: a client component answers, and the theme script applies its choice
    await page.getByRole('radio', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await visit(page, '/agents');
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Sources' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();

    const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const visitor = await signedOut.newPage();
    await watch(visitor);
    await visit(visitor, '/login');
    await expect(visitor.getByLabel('Email')).toBeVisible();
    await visit(visitor, '/no-such-page');
    await expect(visitor.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
    await signedOut.close();
    expect(nonces.size).toBe(pages.length + 3);
    expect(violations).toEqual([]);
  });

  test('on a tablet the sidebar folds into a menu', async ({ page }) => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Console' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Sources' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
    await shoot(page, 'tablet-sources');
  });
});

test('pages and API answers refuse framing, sniffing and cross-site referrers', async ({
  request,
}) => {
  for (const path of ['/login', '/settings/users', '/api/health']) {
    const headers = (await request.get(path)).headers();
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('same-origin');
    expect(headers['permissions-policy'], path).toContain('camera=()');
  }
});

test('an unknown API path answers a 404 problem document, and real routes are still served', async ({
  request,
}) => {
  const unknown = [
    ['GET', '/api/v1/nope'],
    ['POST', '/api/v1/nope'],
    ['DELETE', '/api/v1/agents/00000000-0000-4000-8000-000000000000/nope'],
    ['PUT', '/api/v1/sources/x/y/z'],
    ['PATCH', '/api/v1/audit/verification/latest'],
  ] as const;
  for (const [method, path] of unknown) {
    const res = await request.fetch(path, { method });
    const label = `${method} ${path}`;
    expect(res.status(), label).toBe(404);
    expect(res.headers()['content-type'], label).toBe('application/problem+json');
    expect(await res.json(), label).toMatchObject({ status: 404, title: 'Not Found' });
  }
  // what the catch-all must not take: static routes, dynamic ones, and a method not served
  expect((await request.get('/api/v1/openapi.json')).status()).toBe(200);
  expect((await request.get('/api/v1/audit/keys')).status()).toBe(200);
  const dynamic = await request.get('/api/v1/agents/00000000-0000-4000-8000-000000000000', {
    headers: { authorization: 'Bearer hub_not-a-token' },
  });
  expect(dynamic.status()).toBe(401);
  expect((await request.delete('/api/v1/agents')).status()).toBe(405);
});

test('the sign-in page offers password, single sign-on and the demo end users', async ({
  page,
}) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in with single sign-on' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Continue as/ })).toHaveCount(3);
  await shoot(page, 'login');
});
