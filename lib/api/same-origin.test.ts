import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db/client';
import { insertConsoleUser } from '@/db/queries/console-users';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { auth } from '@/lib/auth/auth';
import { createSource } from '@/lib/sources/manage-sources';
import { createSourceSchema } from '@/lib/sources/source-input';
import {
  createTestActor,
  createTestOrg,
  setupTestDatabase,
  uniqueEmail,
} from '@/lib/testing/fixtures';
import * as auditEvents from '@/app/api/v1/audit-events/route';
import * as check from '@/app/api/v1/revocations/check/route';
import * as sources from '@/app/api/v1/sources/route';
import * as rotate from '@/app/api/v1/sources/[sourceId]/rotate-secret/route';

// The console session is next-auth's cookie, which only Next's request scope can decode; the
// session it stands for is given here, and everything after it (user, role, data) is real.
vi.mock('@/lib/auth/auth', async (original) => ({
  ...(await original<typeof import('@/lib/auth/auth')>()),
  auth: vi.fn(),
}));

const database = setupTestDatabase();
const ctx = { adminToken: '', sourceKey: '', sourceId: '' };

beforeAll(async () => {
  setDatabase(database());
  const db = database().db;
  const org = await createTestOrg(db);
  const admin = await insertConsoleUser(db, org.id, { email: uniqueEmail('admin'), role: 'admin' });
  vi.mocked(auth).mockResolvedValue({
    hub: { kind: 'console', userId: admin.id, orgId: org.id },
    expires: new Date(Date.now() + 3600_000).toISOString(),
  } as never);
  const actor = await createTestActor(db, org.id);
  ctx.adminToken = (
    await createApiToken(db, actor, { name: 'a', role: 'admin', expiresInDays: null })
  ).token;
  const created = await createSource(
    db,
    actor,
    createSourceSchema.parse({
      name: 'Corporate AS',
      kind: 'authorization_server',
      issuer: 'https://auth.example.test',
    }),
  );
  ctx.sourceId = created.source.id;
  ctx.sourceKey = created.apiKey;
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const cookie = 'authjs.session-token=a-session';

function rotateRequest(headers: Record<string, string>, url = 'http://hub.test') {
  return rotate.POST(
    new Request(`${url}/api/v1/sources/${ctx.sourceId}/rotate-secret`, {
      method: 'POST',
      headers,
    }),
    { params: Promise.resolve({ sourceId: ctx.sourceId }) },
  );
}

async function rotations(): Promise<number> {
  const res = await auditEvents.GET(
    new Request('http://hub.test/api/v1/audit-events?type=source.secret_rotated&limit=100', {
      headers: { authorization: `Bearer ${ctx.adminToken}` },
    }),
    { params: Promise.resolve({}) },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: unknown[] }).items.length;
}

describe('a console session writing through the API', () => {
  it('is refused with 403 without an Origin, or from another origin, and changes nothing', async () => {
    const before = await rotations();
    const attempts: Record<string, string>[] = [
      { cookie },
      { cookie, origin: 'https://evil.example' },
      { cookie, origin: 'http://sub.hub.test', 'sec-fetch-site': 'same-site' },
      { cookie, origin: 'null' },
      { cookie, origin: 'http://hub.test.evil.example' },
      { cookie, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const res = await rotateRequest(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = (await res.json()) as { detail: string };
      expect(body.detail).toMatch(headers.origin ? /hub's own pages \(hub\.test\)/ : /Origin/);
      expect(JSON.stringify(body)).not.toContain('whsec_');
    }
    expect(await rotations()).toBe(before);
  });

  it('is served from the hub’s own origin, or when the browser says same-origin', async () => {
    const before = await rotations();
    expect((await rotateRequest({ cookie, origin: 'http://hub.test' })).status).toBe(200);
    expect((await rotateRequest({ cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect(await rotations()).toBe(before + 2);
  });

  it('compares with HUB_URL when it is set, not with the Host the proxy forwarded', async () => {
    vi.stubEnv('HUB_URL', 'https://hub.example.com');
    const from = (origin: string) => rotateRequest({ cookie, origin }, 'http://10.0.0.5:3000');
    expect((await from('http://10.0.0.5:3000')).status).toBe(403);
    expect((await from('http://hub.example.com')).status).toBe(403);
    const refused = (await (await from('https://evil.example')).json()) as { detail: string };
    expect(refused.detail).toContain('https://hub.example.com');
    expect((await from('https://hub.example.com')).status).toBe(200);
  });

  it('still reads without an Origin', async () => {
    const res = await sources.GET(
      new Request('http://hub.test/api/v1/sources', { headers: { cookie } }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
  });
});

describe('bearer credentials', () => {
  it('write from anywhere: an admin API token and a source API key', async () => {
    const elsewhere = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const rotated = await rotateRequest({
      ...elsewhere,
      authorization: `Bearer ${ctx.adminToken}`,
    });
    expect(rotated.status).toBe(200);
    const checked = await check.POST(
      new Request('http://hub.test/api/v1/revocations/check', {
        method: 'POST',
        headers: {
          ...elsewhere,
          authorization: `Bearer ${ctx.sourceKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ token_ref: 'sha256:unknown' }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(checked.status).toBe(200);
  });
});
