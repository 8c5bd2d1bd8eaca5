import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { createTestActor, createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { granted, invoked, issued, registered, setup } from '@/lib/testing/builders';
import type { JsonResponse, Operation } from '@/lib/api/operation';
import { declaredOperations } from '@/lib/testing/api-operations';
import { hubUrl } from '@/lib/sources/present';
import { buildOpenApiDocument } from './document';
import { jsonSchemaOf } from './schema';

const root = path.resolve(import.meta.dirname, '../../..');
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every route file under app/api, as its OpenAPI path (`[id]` → `{id}`). */
function routeFiles(dir = path.join(root, 'app/api')): { file: string; apiPath: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== 'route.ts') return [];
    const apiPath = path
      .relative(path.join(root, 'app'), dir)
      .split(path.sep)
      .map((segment) => segment.replace(/^\[(\w+)\]$/, '{$1}'))
      .join('/');
    return [{ file: full, apiPath: `/${apiPath}` }];
  });
}

// next-auth's own endpoints are the sign-in protocol, not the management API; the catch-all
// only answers 404 for paths that are not in it.
const undocumented = (apiPath: string) =>
  apiPath.startsWith('/api/auth/') || apiPath === '/api/v1/[...unknown]';

// the operations the route files declare (the served document gets them from
// app/api/v1/openapi.json/routes.generated.ts)
let operations: Operation[] = [];
beforeAll(async () => {
  operations = await declaredOperations(root);
});

describe('the OpenAPI document', () => {
  it('lists exactly the operations the route files export', async () => {
    const served = new Set<string>();
    for (const { file, apiPath } of routeFiles()) {
      if (undocumented(apiPath)) continue;
      const routeModule = (await import(file)) as Record<string, unknown>;
      for (const method of methods) {
        const declared = (routeModule[method] as { operation?: Operation } | undefined)?.operation;
        if (declared?.method === method) served.add(`${method.toLowerCase()} ${declared.path}`);
      }
    }
    const documented = new Set(operations.map((op) => `${op.method.toLowerCase()} ${op.path}`));
    expect([...served].sort()).toEqual([...documented].sort());
    for (const { file, apiPath } of routeFiles()) {
      if (undocumented(apiPath)) continue;
      const routeModule = (await import(file)) as Record<string, { operation?: Operation }>;
      for (const method of methods) {
        const declared = routeModule[method]?.operation;
        if (declared?.method === method) expect(declared.path, file).toBe(apiPath);
      }
    }
  });

  it('has every call that shared/spec/admin-api.md says must exist', () => {
    const documented = new Set(operations.map((op) => `${op.method.toLowerCase()} ${op.path}`));
    const required = [
      'post /api/v1/sources',
      'get /api/v1/sources',
      'get /api/v1/sources/{sourceId}',
      'post /api/v1/sources/{sourceId}/rotate-secret',
      'post /api/v1/sources/{sourceId}/events',
      'get /api/v1/agents',
      'get /api/v1/agents/{agentId}',
      'post /api/v1/agents/{agentId}/verification',
      'get /api/v1/consents',
      'post /api/v1/consents/{consentId}/revoke',
      'get /api/v1/tokens',
      'post /api/v1/tokens/{tokenId}/revoke',
      'get /api/v1/audit-events',
      'get /api/v1/audit-events/export',
      'get /api/v1/revocations',
      'get /api/v1/revocations/stream',
      'post /api/v1/revocations/check',
      'get /api/v1/agents/status',
    ];
    expect(required.filter((call) => !documented.has(call))).toEqual([]);
  });

  it('is OpenAPI 3.1 whose every schema compiles and every path parameter is declared', () => {
    const document = buildOpenApiDocument(operations, 'http://hub.test');
    expect(document.openapi).toBe('3.1.0');
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    for (const [apiPath, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item) as [string, Record<string, unknown>][]) {
        const declared = ((op.parameters ?? []) as { name: string; in: string }[])
          .filter((p) => p.in === 'path')
          .map((p) => p.name);
        const inPath = [...apiPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(declared, `${method} ${apiPath}`).toEqual(inPath);
        const responses = op.responses as Record<
          string,
          { content?: Record<string, { schema: object }> }
        >;
        for (const response of Object.values(responses)) {
          for (const media of Object.values(response.content ?? {})) ajv.compile(media.schema);
        }
        const body = op.requestBody as { content: Record<string, { schema: object }> } | undefined;
        if (body) ajv.compile(body.content['application/json']!.schema);
      }
    }
  });
});

describe('answers agree with the document', () => {
  const database = setupTestDatabase();
  let token = '';
  const ajv = new Ajv2020({ strict: false });
  addFormats.default(ajv);
  const schemaOf = (method: string, apiPath: string, status: number) => {
    const op = operations.find((o) => o.method.toLowerCase() === method && o.path === apiPath);
    expect(op?.response.status).toBe(status);
    return ajv.compile(jsonSchemaOf((op!.response as JsonResponse).schema, 'output'));
  };

  beforeAll(async () => {
    setDatabase(database());
    const db = database().db;
    const org = await createTestOrg(db);
    const actor = await createTestActor(db, org.id);
    token = (await createApiToken(db, actor, { name: 'doc', role: 'admin', expiresInDays: null }))
      .token;
  });

  const call = (url: string, method = 'GET', body?: unknown) =>
    new Request(`http://hub.test${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('sources: create, list, one, rotate', async () => {
    const collection = await import('@/app/api/v1/sources/route');
    const one = await import('@/app/api/v1/sources/[sourceId]/route');
    const rotate = await import('@/app/api/v1/sources/[sourceId]/rotate-secret/route');
    const none = { params: Promise.resolve({}) };
    const created = await collection.POST(
      call('/api/v1/sources', 'POST', {
        name: 'Doc AS',
        kind: 'authorization_server',
        issuer: 'https://as.doc.test',
      }),
      none,
    );
    const createdBody = (await created.json()) as { id: string };
    const validate = schemaOf('post', '/api/v1/sources', 201);
    expect(validate(createdBody), JSON.stringify(validate.errors)).toBe(true);

    const listed = await (await collection.GET(call('/api/v1/sources'), none)).json();
    const validateList = schemaOf('get', '/api/v1/sources', 200);
    expect(validateList(listed), JSON.stringify(validateList.errors)).toBe(true);

    const params = { params: Promise.resolve({ sourceId: createdBody.id }) };
    const single = await (await one.GET(call(`/api/v1/sources/${createdBody.id}`), params)).json();
    const validateOne = schemaOf('get', '/api/v1/sources/{sourceId}', 200);
    expect(validateOne(single), JSON.stringify(validateOne.errors)).toBe(true);

    const rotated = await (
      await rotate.POST(call(`/api/v1/sources/${createdBody.id}/rotate-secret`, 'POST'), params)
    ).json();
    const validateRotate = schemaOf('post', '/api/v1/sources/{sourceId}/rotate-secret', 200);
    expect(validateRotate(rotated), JSON.stringify(validateRotate.errors)).toBe(true);
  });

  it('agents, consents, tokens and the audit trail: lists, details and revocations', async () => {
    const ctx = await setup(database().db);
    await ctx.send(
      registered(0),
      granted(10, ['issues:read', 'issues:write']),
      issued(20, 'tok-doc', { scopes: ['issues:read', 'issues:write'] }),
    );
    await ctx.send(invoked(30, { token_ref: 'tok-doc' }));
    const docToken = (
      await createApiToken(database().db, await createTestActor(database().db, ctx.org.id), {
        name: 'doc',
        role: 'admin',
        expiresInDays: null,
      })
    ).token;
    const get = async (
      route: { GET: (r: Request, c: { params: Promise<never> }) => Promise<Response> },
      url: string,
      params: Record<string, string> = {},
    ) => {
      const response = await route.GET(
        new Request(`http://hub.test${url}`, { headers: { authorization: `Bearer ${docToken}` } }),
        { params: Promise.resolve(params as never) },
      );
      expect(response.status, url).toBe(200);
      return (await response.json()) as { items: { id: string }[] } & Record<string, unknown>;
    };
    const post = async (
      route: { POST: (r: Request, c: { params: Promise<never> }) => Promise<Response> },
      url: string,
      params: Record<string, string>,
      body: unknown,
    ) => {
      const response = await route.POST(
        new Request(`http://hub.test${url}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${docToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve(params as never) },
      );
      expect(response.status, url).toBe(200);
      return response.json();
    };
    const check = (method: string, apiPath: string, answer: unknown) => {
      const validate = schemaOf(method, apiPath, 200);
      expect(validate(answer), `${apiPath}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };

    const agents = await get(await import('@/app/api/v1/agents/route'), '/api/v1/agents');
    check('get', '/api/v1/agents', agents);
    const agentId = agents.items[0]!.id;
    const agent = await get(await import('@/app/api/v1/agents/[agentId]/route'), '/', { agentId });
    check('get', '/api/v1/agents/{agentId}', agent);

    const consents = await get(await import('@/app/api/v1/consents/route'), '/api/v1/consents');
    check('get', '/api/v1/consents', consents);
    const consentId = consents.items[0]!.id;
    const consent = await get(await import('@/app/api/v1/consents/[consentId]/route'), '/', {
      consentId,
    });
    check('get', '/api/v1/consents/{consentId}', consent);

    const tokens = await get(await import('@/app/api/v1/tokens/route'), '/api/v1/tokens');
    check('get', '/api/v1/tokens', tokens);
    const tokenId = tokens.items[0]!.id;
    const token = await get(await import('@/app/api/v1/tokens/[tokenId]/route'), '/', { tokenId });
    check('get', '/api/v1/tokens/{tokenId}', token);

    const revoked = await post(
      await import('@/app/api/v1/tokens/[tokenId]/revoke/route'),
      '/',
      { tokenId },
      { reason: 'lost laptop' },
    );
    check('post', '/api/v1/tokens/{tokenId}/revoke', revoked);
    const narrowed = await post(
      await import('@/app/api/v1/consents/[consentId]/revoke/route'),
      '/',
      { consentId },
      { reason: 'least privilege', scopes: ['issues:write'] },
    );
    check('post', '/api/v1/consents/{consentId}/revoke', narrowed);
    const suspended = await post(
      await import('@/app/api/v1/agents/[agentId]/verification/route'),
      '/',
      { agentId },
      { status: 'suspended', reason: 'alert at 2 am' },
    );
    check('post', '/api/v1/agents/{agentId}/verification', suspended);

    const audit = await get(
      await import('@/app/api/v1/audit-events/route'),
      '/api/v1/audit-events',
    );
    expect(audit.items.length).toBeGreaterThan(3);
    check('get', '/api/v1/audit-events', audit);
  });

  it('is served at /api/v1/openapi.json without credentials', async () => {
    const route = await import('@/app/api/v1/openapi.json/route');
    const response = await route.GET(new Request('http://hub.test/api/v1/openapi.json'), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: object };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/sources');
    // routes.generated.ts is current: the served document has every declared operation
    expect(document).toEqual(
      JSON.parse(JSON.stringify(buildOpenApiDocument(operations, hubUrl()))),
    );
  });
});
