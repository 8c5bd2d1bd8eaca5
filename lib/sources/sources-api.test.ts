import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db/client';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { apiRequest, routeParams } from '@/lib/testing/api-request';
import { createTestActor, createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import * as collection from '@/app/api/v1/sources/route';
import * as one from '@/app/api/v1/sources/[sourceId]/route';
import * as rotate from '@/app/api/v1/sources/[sourceId]/rotate-secret/route';

const database = setupTestDatabase();
const tokens: Record<'admin' | 'auditor' | 'otherAdmin', string> = {
  admin: '',
  auditor: '',
  otherAdmin: '',
};

beforeAll(async () => {
  // Route handlers read the process's database, as they do inside Next.
  setDatabase(database());
  const db = database().db;
  const [org, other] = [await createTestOrg(db), await createTestOrg(db)];
  const actors = new Map([
    [org.id, await createTestActor(db, org.id)],
    [other.id, await createTestActor(db, other.id)],
  ]);
  const actor = (orgId: string) => actors.get(orgId)!;
  tokens.admin = (
    await createApiToken(db, actor(org.id), { name: 'a', role: 'admin', expiresInDays: null })
  ).token;
  tokens.auditor = (
    await createApiToken(db, actor(org.id), { name: 'b', role: 'auditor', expiresInDays: null })
  ).token;
  tokens.otherAdmin = (
    await createApiToken(db, actor(other.id), { name: 'c', role: 'admin', expiresInDays: null })
  ).token;
});

const noParams = routeParams();
const withId = (sourceId: string) => routeParams({ sourceId });

const request = (token: string | null, init?: Parameters<typeof apiRequest>[2]) =>
  apiRequest(token, '/api/v1/sources', init);

const validSource = {
  name: 'Corporate AS',
  kind: 'authorization_server',
  issuer: 'https://auth.example.test',
};

describe('/api/v1/sources', () => {
  it('creates a source, shows its secret and API key once, and never again', async () => {
    const created = await collection.POST(
      request(tokens.admin, { method: 'POST', body: validSource }),
      noParams,
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const body = (await created.json()) as Record<string, unknown>;
    expect(body.signing_secret).toMatch(/^whsec_/);
    expect(body.api_key).toMatch(/^hubsrc_/);
    expect(body.endpoint_url).toBe(`http://localhost:3000/api/v1/sources/${body.id}/events`);

    const listed = await (await collection.GET(request(tokens.auditor), noParams)).text();
    const fetched = await (await one.GET(request(tokens.auditor), withId(String(body.id)))).text();
    for (const text of [listed, fetched]) {
      expect(text).toContain(String(body.id));
      expect(text).not.toContain(String(body.signing_secret).slice(6));
      expect(text).not.toContain(String(body.api_key).slice(7));
    }
  });

  it('rotates the secret and names when the old one stops working', async () => {
    const { id } = (await (
      await collection.POST(request(tokens.admin, { method: 'POST', body: validSource }), noParams)
    ).json()) as { id: string };
    const rotated = await rotate.POST(request(tokens.admin, { method: 'POST' }), withId(id));
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    const body = (await rotated.json()) as Record<string, string>;
    expect(body.signing_secret).toMatch(/^whsec_/);
    expect(Date.parse(body.previous_secret_valid_until!)).toBeGreaterThan(Date.now());
  });

  it('answers 401 without credentials, 403 to an auditor or a source key writing, 404 across orgs', async () => {
    expect((await collection.GET(request(null), noParams)).status).toBe(401);
    expect(
      (await collection.GET(request('hub_not-a-real-token-not-a-real-token-00'), noParams)).status,
    ).toBe(401);
    expect(
      (
        await collection.POST(
          request(tokens.auditor, { method: 'POST', body: validSource }),
          noParams,
        )
      ).status,
    ).toBe(403);
    const created = (await (
      await collection.POST(request(tokens.admin, { method: 'POST', body: validSource }), noParams)
    ).json()) as { id: string; api_key: string };
    expect((await collection.GET(request(created.api_key), noParams)).status).toBe(403);
    expect((await one.GET(request(tokens.otherAdmin), withId(created.id))).status).toBe(404);
    expect(
      (await rotate.POST(request(tokens.otherAdmin, { method: 'POST' }), withId(created.id)))
        .status,
    ).toBe(404);
    expect((await one.GET(request(tokens.admin), withId('nope'))).status).toBe(404);
  });

  it('refuses bad input with a specific problem and creates nothing', async () => {
    const before = (
      (await (await collection.GET(request(tokens.admin), noParams)).json()) as { items: unknown[] }
    ).items.length;
    const notJson = await collection.POST(
      request(tokens.admin, { method: 'POST', body: '{"name":' }),
      noParams,
    );
    expect(notJson.status).toBe(400);
    const wrongType = await collection.POST(
      request(tokens.admin, { method: 'POST', body: validSource, contentType: 'text/plain' }),
      noParams,
    );
    expect(wrongType.status).toBe(415);
    const invalid = await collection.POST(
      request(tokens.admin, {
        method: 'POST',
        body: { name: '', kind: 'database', issuer: 'ftp://x' },
      }),
      noParams,
    );
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await invalid.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/name', '/kind']));
    const missingIssuer = await collection.POST(
      request(tokens.admin, { method: 'POST', body: { name: 'x', kind: 'authorization_server' } }),
      noParams,
    );
    expect(((await missingIssuer.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe(
      '/issuer',
    );
    const after = (
      (await (await collection.GET(request(tokens.admin), noParams)).json()) as { items: unknown[] }
    ).items.length;
    expect(after).toBe(before);
  });
});

describe('POST /api/v1/sources for a gateway of several resources', () => {
  const post = (body: unknown) =>
    collection.POST(request(tokens.admin, { method: 'POST', body }), noParams);

  it('registers a gateway with `resources` and answers them, `resource` first', async () => {
    const res = await post({
      name: 'Edge',
      kind: 'gateway',
      resource: 'https://a.mcp.example',
      resources: ['https://b.mcp.example', 'https://a.mcp.example'],
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string };
    expect(created).toMatchObject({
      resource: 'https://a.mcp.example',
      resources: ['https://a.mcp.example', 'https://b.mcp.example'],
    });
    const read = await one.GET(request(tokens.admin), withId(created.id));
    expect(await read.json()).toMatchObject({
      resources: ['https://a.mcp.example', 'https://b.mcp.example'],
    });
    const single = await post({ name: 'Notes', kind: 'mcp_server', resource: 'https://n.example' });
    expect(await single.json()).toMatchObject({ resources: ['https://n.example'] });
  });

  it('refuses several resources for an MCP server, and a resource that is not a URL', async () => {
    const several = await post({
      name: 'Notes',
      kind: 'mcp_server',
      resource: 'https://a.mcp.example',
      resources: ['https://b.mcp.example'],
    });
    expect(several.status).toBe(422);
    const errorsOf = async (res: Response) =>
      ((await res.json()) as { errors: { path: string; message: string }[] }).errors;
    expect(await errorsOf(several)).toEqual([
      expect.objectContaining({
        path: '/resources',
        message: expect.stringMatching(/Only a gateway/),
      }),
    ]);
    const bad = await post({ name: 'Edge', kind: 'gateway', resources: ['ftp://x'] });
    expect((await errorsOf(bad))[0]!.path).toBe('/resources/0');
  });
});

describe('POST /api/v1/sources with a revocation webhook URL', () => {
  const post = (revocation_webhook_url: string) =>
    collection.POST(
      request(tokens.admin, {
        method: 'POST',
        body: {
          name: 'Hooked',
          kind: 'mcp_server',
          resource: 'https://m.example',
          revocation_webhook_url,
        },
      }),
      noParams,
    );
  const problemOf = async (res: Response) => {
    expect(res.status).toBe(422);
    const { errors } = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(errors.map((e) => e.path)).toEqual(['/revocation_webhook_url']);
    return errors[0]!.message;
  };
  const count = async () =>
    ((await (await collection.GET(request(tokens.admin), noParams)).json()) as { items: unknown[] })
      .items.length;
  afterEach(() => vi.unstubAllEnvs());

  it('refuses one the hub may not call, naming why, and saves nothing', async () => {
    const before = await count();
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'https://[::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://10.0.0.5/hook',
      'https://172.16.3.4/hook',
      'https://192.168.1.10/hook',
      'https://100.64.0.1/hook',
      'https://169.254.10.10/hook',
      'https://[fd00::1]/hook',
      'https://[fe80::1]/hook',
      'https://printer.local/hook',
    ])
      expect(await problemOf(await post(url)), url).toMatch(
        /must not point at a loopback, private or link-local address/,
      );
    for (const url of ['http://169.254.169.254/latest', 'http://metadata.google.internal/'])
      expect(await problemOf(await post(url)), url).toMatch(/cloud metadata service/);
    expect(await problemOf(await post('http://0.0.0.0:9/'))).toMatch(/public address/);
    expect(await problemOf(await post('https://user:pw@hooks.example.com/'))).toMatch(
      /user name or password/,
    );
    expect(await problemOf(await post('ftp://hooks.example.com/'))).toMatch(/http\(s\) URL/);
    expect(await count()).toBe(before);
  });

  it('takes a public one, and a private one only where HUB_ALLOW_PRIVATE_TARGETS=1', async () => {
    expect((await post('https://hooks.example.com/revocations')).status).toBe(201);
    vi.stubEnv('HUB_ALLOW_PRIVATE_TARGETS', '1');
    expect((await post('http://127.0.0.1:8080/hook')).status).toBe(201);
    expect((await post('https://10.0.0.5/hook')).status).toBe(201);
    expect(await problemOf(await post('http://169.254.169.254/'))).toMatch(/cloud metadata/);
    expect(await problemOf(await post('http://[fd00:ec2::254]/'))).toMatch(/cloud metadata/);
  });
});
