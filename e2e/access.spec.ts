import { expect, test } from '@playwright/test';
import {
  actionAccess,
  actionRefusals,
  credentials,
  pageAccess,
  publicPages,
  sessionCredentials,
  type Credential,
} from '../lib/access/access-table';
import { discoverActions, discoverPages, fillPath } from '../lib/access/discover';
import { accessIds, ingestAccessData } from './support/access-data';
import { apiAccess } from './support/api-access';
import {
  credentialHeaders,
  signInEveryone,
  startAccessHub,
  type AccessHub,
} from './support/access-hub';
import { checkSecretsNeverLeak, checkXssInert } from './support/access-trust';

/**
 * The access matrix in a browser's terms: every page and server action of the build × every
 * credential (declared in lib/access/access-table.ts), the API × console sessions (the rest of
 * the API matrix runs in-process, lib/access/api-access.test.ts), end users kept to their own
 * consents and orgs to their own data; then the XSS and secret-leak checks on the same hub.
 */
// Once per run (@once-per-run, the embedded pass; see .ci/run): who may open what is decided by
// the declarations and the session and credential checks in front of every query, the same code
// on either database, and its hub is a seeded copy of the same rows on both.
test.describe('access', { tag: '@once-per-run' }, () => {
  test.describe.configure({ mode: 'serial' });

  let access: AccessHub;
  let ids: Awaited<ReturnType<typeof accessIds>>;
  /** every page body served to anyone, for the secret check */
  const bodies: string[] = [];

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    access = await startAccessHub();
    await ingestAccessData(access);
    ids = await accessIds(access);
  });
  test.afterAll(async () => {
    await access?.hub.stop();
  });

  const root = process.cwd();
  const url = (path: string) => `${access.hub.url}${path}`;

  test('every page admits exactly the declared credentials', async () => {
    expect(discoverPages(root).sort()).toEqual(Object.keys(pageAccess).sort());
    let cases = 0;
    for (const [pattern, allowed] of Object.entries(pageAccess)) {
      const path = fillPath(pattern, ids);
      for (const credential of credentials) {
        const res = await fetch(url(path), {
          headers: credentialHeaders(access, credential),
          redirect: 'manual',
        });
        const body = await res.text();
        bodies.push(body);
        const label = `${pattern} as ${credential}: ${res.status} ${res.headers.get('location')}`;
        cases += 1;
        expect(res.status, label).toBeLessThan(500);
        if (publicPages.has(pattern)) continue;
        if (allowed.includes(credential)) {
          expect(res.status, label).toBe(200);
          continue;
        }
        // Refused: to sign-in, to the end user's own page, home for a console user on /account,
        // or the not-found page for the other org's ids.
        expect([303, 307, 308, 404], label).toContain(res.status);
        if (res.status !== 404) {
          const to = new URL(res.headers.get('location')!, access.hub.url).pathname;
          const expected = sessionCredentials.includes(credential)
            ? credential === 'end_user'
              ? '/account'
              : '/'
            : '/login';
          expect(to, label).toBe(expected);
        } else {
          expect(credential, label).toBe('other_org_admin');
        }
      }
    }
    expect(cases).toBe(Object.keys(pageAccess).length * credentials.length);
  });

  /** A server action called as the browser calls it: `Next-Action` and the args as a reply form. */
  async function callAction(
    action: { id: string; page: string },
    credential: Credential,
    fields: Record<string, string> = {},
  ): Promise<{ status: number; body: string }> {
    // React's reply format: (previousState, formData) and (formData) actions both get a form, so
    // the args are two form references, $K1 and $K2, whose fields are `_1_name` and `_2_name` in
    // that order (each reference consumes its own entries), and the root comes last.
    const form = new FormData();
    for (const group of [1, 2])
      for (const [key, value] of Object.entries(fields)) form.append(`_${group}_${key}`, value);
    form.set('0', '["$K1","$K2"]');
    const res = await fetch(url(fillPath(action.page, ids)), {
      method: 'POST',
      headers: {
        ...credentialHeaders(access, credential),
        'next-action': action.id,
        accept: 'text/x-component',
        origin: access.hub.url,
      },
      body: form,
      redirect: 'manual',
    });
    return { status: res.status, body: await res.text() };
  }

  test('every server action admits exactly the declared credentials', async () => {
    // Sign-out really ends each credential's session, so it goes last and everyone signs in again.
    const actions = discoverActions(root).sort(
      (a, b) => Number(a.key.endsWith('#signOutAction')) - Number(b.key.endsWith('#signOutAction')),
    );
    expect(actions.map((a) => a.key).sort()).toEqual(Object.keys(actionAccess).sort());
    let cases = 0;
    for (const action of actions) {
      for (const credential of credentials) {
        const { status, body } = await callAction(action, credential);
        const label = `${action.key} as ${credential}: ${status} ${body.slice(0, 300)}`;
        cases += 1;
        expect(status, label).toBeLessThan(500);
        const refused = actionRefusals.some((r) => body.includes(r));
        expect(refused, label).toBe(!actionAccess[action.key]!.includes(credential));
      }
    }
    expect(cases).toBe(Object.keys(actionAccess).length * credentials.length);
    access.sessions = await signInEveryone(access.hub.url);
  });

  test('every API route admits exactly the declared console sessions', async () => {
    let cases = 0;
    for (const [key, allowed] of Object.entries(apiAccess)) {
      const [method, pattern] = key.split(' ') as [string, string];
      for (const credential of sessionCredentials) {
        const res = await fetch(url(fillPath(pattern, ids)), {
          method,
          // as the console's own pages send it: a session's write from elsewhere is refused below
          headers: {
            ...credentialHeaders(access, credential),
            'content-type': 'application/json',
            origin: access.hub.url,
          },
          body: method === 'POST' || method === 'PATCH' ? '{}' : undefined,
          redirect: 'manual',
        });
        const body = key.endsWith('/stream') ? '' : await res.text();
        if (key.endsWith('/stream')) await res.body?.cancel();
        const label = `${key} as ${credential}: ${res.status} ${body.slice(0, 200)}`;
        cases += 1;
        expect(res.status, label).toBeLessThan(500);
        if (allowed.includes(credential)) {
          expect([401, 403], label).not.toContain(res.status);
        } else if (credential === 'end_user' || key.endsWith('/events')) {
          expect(res.status, label).toBe(401);
        } else if (credential === 'other_org_admin') {
          // the first org's ids do not exist for it; the dummy body may be refused first (the
          // in-process matrix sends real bodies and sees the 404)
          expect([404, 422], label).toContain(res.status);
        } else {
          expect(res.status, label).toBe(403);
        }
        if (credential === 'other_org_admin')
          for (const id of Object.values(ids))
            if (id.length > 20) expect(body, label).not.toContain(id);
      }
    }
    expect(cases).toBe(Object.keys(apiAccess).length * sessionCredentials.length);
  });

  test('a console session’s API write from another site is refused and changes nothing', async () => {
    const admin = { authorization: `Bearer ${access.seeded.bearer.admin_token}` };
    const rotations = async () =>
      (
        (await (
          await fetch(url('/api/v1/audit-events?type=source.secret_rotated&limit=100'), {
            headers: admin,
          })
        ).json()) as { items: unknown[] }
      ).items.length;
    const before = await rotations();
    const rotate = url(`/api/v1/sources/${ids.sourceId}/rotate-secret`);
    // a same-site page's form (SameSite=Lax sends the cookie), a cross-site fetch, and no Origin
    const attempts: Record<string, string>[] = [
      {
        origin: 'http://evil.localhost:1',
        'sec-fetch-site': 'same-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      {},
    ];
    for (const headers of attempts) {
      const res = await fetch(rotate, {
        method: 'POST',
        headers: { ...credentialHeaders(access, 'admin'), ...headers },
        body: 'reason=csrf',
        redirect: 'manual',
      });
      const body = await res.text();
      expect(res.status, body).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(body).toMatch(/console session must/);
      expect(body).not.toContain('whsec_');
    }
    expect(await rotations()).toBe(before);
    // the same call from the hub's own pages, and with a token from anywhere, is served
    const own = await fetch(rotate, {
      method: 'POST',
      headers: { ...credentialHeaders(access, 'admin'), origin: access.hub.url },
    });
    expect(own.status).toBe(200);
    const token = await fetch(rotate, {
      method: 'POST',
      headers: { ...admin, origin: 'https://evil.example' },
    });
    expect(token.status).toBe(200);
    expect(await rotations()).toBe(before + 2);
  });

  test('an end user never reaches another subject’s consents; another org never reaches the first org’s', async () => {
    const actions = discoverActions(root);
    const find = (key: string) => actions.find((a) => a.key.endsWith(key))!;
    const maya = await fetch(url('/account'), { headers: credentialHeaders(access, 'end_user') });
    const page = await maya.text();
    expect(page).toContain(ids.consentId);
    expect(page).not.toContain(ids.otherSubjectConsentId);

    // Daniel's consent id, forged into Maya's request: refused as if it did not exist.
    const forged = await callAction(find('#removePermissionAction'), 'end_user', {
      consentId: ids.otherSubjectConsentId,
      scope: 'issues:read',
    });
    expect(forged.body).toContain('This permission is not yours to remove, or is gone.');
    // The other org's admin with the first org's real ids, through the console's actions.
    const crossOrg = [
      [
        '#revokeConsentAction',
        { consentId: ids.otherSubjectConsentId, reason: 'cross-org', mode: 'all' },
      ],
      ['#revokeTokenAction', { tokenId: ids.tokenId, reason: 'cross-org', family: 'false' }],
      [
        '#changeAgentStatusAction',
        { agentId: ids.agentId, status: 'blocked', reason: 'cross-org' },
      ],
      ['#rotateSourceSecretAction', { sourceId: ids.sourceId, reason: 'cross-org' }],
      ['#rotateSourceApiKeyAction', { sourceId: ids.sourceId, reason: 'cross-org' }],
    ] as const;
    for (const [key, fields] of crossOrg) {
      const { body } = await callAction(find(key), 'other_org_admin', fields);
      expect(body, key).toContain('"ok":false');
      expect(body, key).not.toContain('fieldErrors');
      expect(body, key).toMatch(/(No \w+ with this id|does not exist) in your organization/);
    }
    // Nothing changed: Daniel's consent and the token are still active, the agent not blocked.
    const admin = { authorization: `Bearer ${access.seeded.bearer.admin_token}` };
    const consent = (await (
      await fetch(url(`/api/v1/consents/${ids.otherSubjectConsentId}`), { headers: admin })
    ).json()) as { status: string };
    expect(consent.status).toBe('active');
    const agent = (await (
      await fetch(url(`/api/v1/agents/${ids.agentId}`), { headers: admin })
    ).json()) as { verification_status: string };
    expect(agent.verification_status).not.toBe('blocked');
    const token = (await (
      await fetch(url(`/api/v1/tokens/${ids.tokenId}`), { headers: admin })
    ).json()) as { state: string };
    expect(token.state).toBe('active');
  });

  test('event ids count within each org, so one org reads nothing of another’s volume', async () => {
    const ids = async (credential: Credential) => {
      const exported = await fetch(url('/api/v1/audit-events/export?format=ndjson'), {
        headers: credentialHeaders(access, credential),
      });
      const lines = (await exported.text()).split('\n').filter(Boolean);
      return lines
        .map((line) => Number((JSON.parse(line) as { id: string }).id))
        .sort((a, b) => a - b);
    };
    // The other org was made after the first had written, and both wrote since: its ids still
    // start at 1 and run without a gap.
    const first = await ids('admin_token');
    const other = await ids('other_org_admin_token');
    expect(first.length).toBeGreaterThan(other.length);
    expect(other.length).toBeGreaterThan(0);
    expect(other).toEqual(other.map((_, i) => i + 1));
    // The first org's newest id, opened by the other org: not there, whatever the first org has.
    const page = await fetch(url(`/audit?event=${first.at(-1)}`), {
      headers: credentialHeaders(access, 'other_org_admin'),
    });
    expect(await page.text()).toContain('in your organization: the link may be mistyped');
  });

  test('hostile agent metadata is shown as text everywhere and never runs', async ({ browser }) => {
    test.setTimeout(120_000);
    await checkXssInert(browser, access, ids);
  });

  test('secrets never reach pages, API answers, exports or the hub’s output', async () => {
    await checkSecretsNeverLeak(access, ids, bodies);
  });
});
