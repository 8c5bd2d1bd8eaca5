import { expect, type Browser } from '@playwright/test';
import { apiAccess } from './api-access';
import { fillPath } from '../../lib/access/discover';
import { accessAccounts } from './access-accounts';
import { credentialHeaders, type AccessHub } from './access-hub';
import type { accessIds } from './access-data';
import { shoot } from './screenshots';

type Ids = Awaited<ReturnType<typeof accessIds>>;

/** Every link and source on the page the browser would follow or fetch, as written. */
async function urlsOn(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[href],[src],[action],[formaction],[srcset]')].flatMap((el) =>
      ['href', 'src', 'action', 'formaction', 'srcset']
        .map((a) => el.getAttribute(a))
        .filter((v): v is string => v !== null),
    ),
  );
}

/**
 * Visits every console page showing the hostile agent (and the audit drawer of its
 * registration) as the owner, and Maya's /account: no script ran, no dialog opened, the markup
 * is shown as text, and no `javascript:`/`data:` or private-network URL became a link or image.
 */
export async function checkXssInert(browser: Browser, access: AccessHub, ids: Ids) {
  const audit = (await (
    await fetch(
      `${access.hub.url}/api/v1/audit-events?type=client.registered&client_id=${encodeURIComponent('https://evil.access.example/client.json')}`,
      { headers: { authorization: `Bearer ${access.seeded.bearer.admin_token}` } },
    )
  ).json()) as { items: { id: string }[] };
  const visits: [string, string[]][] = [
    [
      'owner',
      ['/', '/agents', `/agents/${ids.agentId}`, '/consents', `/consents/${ids.consentId}`],
    ],
    [
      'owner',
      ['/tokens', `/tokens/${ids.tokenId}`, '/mcp-servers', `/mcp-servers/${ids.serverId}`],
    ],
    [
      'owner',
      ['/audit', `/audit?event=${audit.items[0]!.id}`, '/revocations', `/revocations/${ids.seq}`],
    ],
    ['owner', ['/sources', '/settings', '/settings/api-tokens', '/settings/users']],
    ['end_user', ['/account']],
  ];
  for (const [who, paths] of visits) {
    const context = await browser.newContext({
      baseURL: access.hub.url,
      storageState: access.sessions[who as 'owner' | 'end_user'],
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const path of paths) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await page.waitForLoadState('networkidle');
      expect(
        await page.evaluate(() => (window as { __xss?: unknown }).__xss),
        path,
      ).toBeUndefined();
      for (const link of await urlsOn(page)) {
        // React's own placeholder on forms whose action is a server function
        if (link === "javascript:throw new Error('React form unexpectedly submitted.')") continue;
        // a hostile value may ride in a same-site filter link (encoded), never anywhere else
        if (link.includes('__xss')) expect(link, `${path}: ${link}`).toMatch(/^\/[^/\\]/);
        expect(link.trim(), `${path}: ${link}`).not.toMatch(/^(javascript|data|vbscript):/i);
        expect(link, `${path}: ${link}`).not.toMatch(/\/\/(127\.|192\.168\.|10\.|localhost)/i);
      }
      // where the agent's name or the event's fields are shown, they are shown as text
      if (
        ['/agents', '/consents', '/account'].includes(path) ||
        /\/(agents|consents)\/|event=/.test(path)
      ) {
        expect(await page.locator('body').innerText(), path).toContain('<img src=x onerror=');
      }
      if (path.startsWith('/audit?event')) await shoot(page, 'xss-audit-drawer', false);
    }
    if (who === 'end_user') await shoot(page, 'xss-account');
    expect(dialogs).toEqual([]);
    await context.close();
  }
}

/** Every secret the hub was given or made, and where none of them may ever appear. */
export async function checkSecretsNeverLeak(access: AccessHub, ids: Ids, pageBodies: string[]) {
  const { seeded, secrets, sessions } = access;
  const cookies = Object.values(sessions).flatMap((s) =>
    (s?.cookies ?? []).filter((c) => c.name.includes('session-token')).map((c) => c.value),
  );
  const needles: Record<string, string> = {
    ...Object.fromEntries(Object.entries(seeded.bearer).map(([k, v]) => [k, v!])),
    'source signing secret': seeded.source.secret,
    'source signing key bytes': seeded.source.secret.replace(/^whsec_/, ''),
    'MCP source signing secret': seeded.mcp.secret,
    'MCP source API key': seeded.mcp.key,
    'one-time password': seeded.oneTimePassword,
    AUTH_SECRET: secrets.authSecret,
    HUB_ENCRYPTION_KEY: secrets.encryptionKey,
    // the private half of the audit signing key, as PEM body and as the JWK's `d`
    'audit signing key (PEM)': secrets.auditSigningKey
      .export({ type: 'pkcs8', format: 'der' })
      .toString('base64'),
    'audit signing key (d)': secrets.auditSigningKey.export({ format: 'jwk' }).d!,
    ...Object.fromEntries(
      Object.entries(accessAccounts).map(([k, a]) => [`${k} password`, a.password]),
    ),
    ...Object.fromEntries(cookies.map((c, i) => [`session cookie ${i}`, c])),
  };
  expect(cookies.length).toBeGreaterThanOrEqual(5);

  const haystacks: [string, string][] = pageBodies.map((b, i) => [`page body ${i}`, b]);
  for (const [key] of Object.entries(apiAccess)) {
    const [method, pattern] = key.split(' ') as [string, string];
    if (method !== 'GET' || key.endsWith('/stream')) continue;
    for (const credential of ['admin_token', 'owner'] as const) {
      const res = await fetch(`${access.hub.url}${fillPath(pattern, ids)}`, {
        headers: credentialHeaders(access, credential),
      });
      haystacks.push([`${key} as ${credential}`, await res.text()]);
    }
  }
  for (const format of ['csv', 'ndjson']) {
    const res = await fetch(`${access.hub.url}/api/v1/audit-events/export?format=${format}`, {
      headers: credentialHeaders(access, 'admin_token'),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeGreaterThan(1000);
    haystacks.push([`${format} export`, text]);
  }
  haystacks.push(['hub output', access.hub.output()]);
  expect(haystacks.length).toBeGreaterThan(250);
  for (const [where, text] of haystacks)
    for (const [what, secret] of Object.entries(needles))
      expect(text.includes(secret), `${what} found in ${where}`).toBe(false);
}
