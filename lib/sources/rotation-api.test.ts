import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { createSource } from '@/lib/sources/manage-sources';
import { createTestActor, createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import * as feed from '@/app/api/v1/revocations/route';
import * as rotateKey from '@/app/api/v1/sources/[sourceId]/rotate-api-key/route';
import * as rotateSecret from '@/app/api/v1/sources/[sourceId]/rotate-secret/route';

const database = setupTestDatabase();
let admin = '';
let orgId = '';

beforeAll(async () => {
  setDatabase(database());
  const db = database().db;
  orgId = (await createTestOrg(db)).id;
  const actor = await createTestActor(db, orgId);
  admin = (await createApiToken(db, actor, { name: 'ops', role: 'admin', expiresInDays: null }))
    .token;
});

async function newSource() {
  const db = database().db;
  const actor = await createTestActor(db, orgId, 'admin');
  return createSource(db, actor, { name: 'CRM', kind: 'mcp_server', resource: 'https://crm.test' });
}

const withId = (sourceId: string) => ({ params: Promise.resolve({ sourceId }) });

function post(path: string, body?: unknown) {
  return new Request(`http://hub.test/api/v1/sources/${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${admin}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Whether a source key may read the revocation feed, which source keys may. */
async function keyWorks(apiKey: string): Promise<boolean> {
  const res = await feed.GET(
    new Request('http://hub.test/api/v1/revocations', {
      headers: { authorization: `Bearer ${apiKey}` },
    }),
    { params: Promise.resolve({}) },
  );
  if (res.status !== 200 && res.status !== 401) throw new Error(`feed answered ${res.status}`);
  return res.status === 200;
}

describe('rotating a source’s credentials', () => {
  it('makes a new API key, shown once, while the old one works for the default 24 hours', async () => {
    const { source, apiKey: old } = await newSource();
    const res = await rotateKey.POST(post(`${source.id}/rotate-api-key`), withId(source.id));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { api_key: string; previous_api_key_valid_until: string };
    expect(body.api_key).toMatch(/^hubsrc_/);
    const graceMs = new Date(body.previous_api_key_valid_until).getTime() - Date.now();
    expect(graceMs).toBeGreaterThan(23.9 * 3600_000);
    expect(graceMs).toBeLessThanOrEqual(24 * 3600_000);
    expect(await keyWorks(body.api_key)).toBe(true);
    expect(await keyWorks(old)).toBe(true);
  });

  it('ends the old API key at once with a grace of 0, and a key rotated out before with it', async () => {
    const { source, apiKey: first } = await newSource();
    const second = (await (
      await rotateKey.POST(post(`${source.id}/rotate-api-key`), withId(source.id))
    ).json()) as { api_key: string };
    const res = await rotateKey.POST(
      post(`${source.id}/rotate-api-key`, { grace_period_seconds: 0 }),
      withId(source.id),
    );
    const third = (await res.json()) as { api_key: string };
    expect(await keyWorks(third.api_key)).toBe(true);
    expect(await keyWorks(second.api_key)).toBe(false);
    expect(await keyWorks(first)).toBe(false);
  });

  it('lets the admin choose the signing secret’s grace, "now" included', async () => {
    const { source } = await newSource();
    const res = await rotateSecret.POST(
      post(`${source.id}/rotate-secret`, { grace_period_seconds: 0 }),
      withId(source.id),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { previous_secret_valid_until: string };
    expect(new Date(body.previous_secret_valid_until).getTime()).toBeLessThanOrEqual(Date.now());
    const hour = await rotateSecret.POST(
      post(`${source.id}/rotate-secret`, { grace_period_seconds: 3600 }),
      withId(source.id),
    );
    const inAnHour = (await hour.json()) as { previous_secret_valid_until: string };
    expect(new Date(inAnHour.previous_secret_valid_until).getTime() - Date.now()).toBeGreaterThan(
      3590_000,
    );
  });

  it('refuses a bad grace period with a specific 422 and changes nothing', async () => {
    const { source, apiKey } = await newSource();
    for (const [body, message] of [
      [{ grace_period_seconds: -1 }, /cannot be negative/],
      [{ grace_period_seconds: 604801 }, /at most 604800/],
      [{ grace_period_seconds: 1.5 }, /whole number/],
      [{ grace_period_seconds: '60' }, /number of seconds/],
      [{ grace: 60 }, /grace/],
    ] as const) {
      for (const [route, path] of [
        [rotateKey, 'rotate-api-key'],
        [rotateSecret, 'rotate-secret'],
      ] as const) {
        const res = await route.POST(post(`${source.id}/${path}`, body), withId(source.id));
        expect(res.status, JSON.stringify(body)).toBe(422);
        const problem = (await res.json()) as { errors: { path: string; message: string }[] };
        expect(problem.errors.map((e) => `${e.path} ${e.message}`).join('; ')).toMatch(message);
      }
    }
    expect(await keyWorks(apiKey)).toBe(true);
  });
});
