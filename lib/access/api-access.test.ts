import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { declaredOperations } from '@/lib/testing/api-operations';
import { credentials, sessionCredentials, type Credential } from './access-table';
import { apiAccessOf } from './api-table';
import { seedTwoOrgs, signedHeaders, type TwoOrgs } from './api-access-fixture';
import { operationsOf } from '@/lib/api/methods';
import { discoverRouteFiles, fillPath, httpMethods } from './discover';

/**
 * Every API route × every credential that is not a console session (those need a browser
 * cookie and run in e2e/access.spec.ts), against the declared table, in-process. Allowed callers
 * get anything but 401/403/404/5xx; refused ones the documented problem document; another org's
 * admin gets 404 for the first org's ids and never a byte of its data.
 */

// next-auth's handlers refuse to run without one; lib/server/start.ts sets it in the hub.
process.env.AUTH_SECRET ??= 'a test secret for the access matrix only';
const root = process.cwd();
const database = setupTestDatabase();
let seeded: TwoOrgs;
/** the API part of the access table, derived from the route files' declarations */
let apiAccess: Record<string, readonly Credential[]> = {};
beforeAll(async () => {
  apiAccess = apiAccessOf(await declaredOperations(root));
  setDatabase(database());
  seeded = await seedTwoOrgs(database().db);
});

const routes = discoverRouteFiles(root);
type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/** The methods a route file serves: its declared operations (the others answer 405), or for
 * next-auth's endpoints, which declare none, every handler it exports. */
async function handlersOf(file: string): Promise<Record<string, Handler>> {
  const mod = (await import(/* @vite-ignore */ `${root}/${file}`)) as Record<string, unknown>;
  const declared = operationsOf(mod).map((op) => op.method as string);
  return Object.fromEntries(
    httpMethods
      .filter((m) => typeof mod[m] === 'function')
      .filter((m) => declared.length === 0 || declared.includes(m))
      .map((m) => [m, mod[m] as Handler]),
  );
}

const reason = 'access matrix';
/** Query strings and bodies that make each call do its work (so a lookup really happens). */
function callFor(key: string): { query?: string; body?: unknown } {
  const { issuer, clientId, sub, tokenRef } = seeded.outside;
  const calls: Record<string, { query?: string; body?: unknown }> = {
    'GET /api/v1/agents/status': {
      query: `issuer=${encodeURIComponent(issuer)}&client_id=${encodeURIComponent(clientId)}`,
    },
    'GET /api/v1/audit-events/export': { query: 'format=ndjson' },
    'POST /api/v1/agents/[agentId]/verification': { body: { status: 'suspended', reason } },
    'POST /api/v1/consents/[consentId]/revoke': { body: { reason } },
    'POST /api/v1/tokens/[tokenId]/revoke': { body: { reason } },
    'POST /api/v1/revocations/check': { body: { token_ref: tokenRef } },
    'POST /api/v1/sources': {
      body: { name: 'from the matrix', kind: 'mcp_server', resource: 'https://m.example/mcp' },
    },
    'PATCH /api/v1/sources/[sourceId]': { body: { enforces_revocations: true } },
    'POST /api/v1/sources/[sourceId]/rotate-secret': { body: {} },
    'POST /api/v1/sources/[sourceId]/rotate-api-key': { body: {} },
    'POST /api/v1/subjects/revoke': { body: { issuer, sub, reason } },
    'POST /api/v1/sources/[sourceId]/events': {
      body: {
        specversion: '1.0',
        id: `matrix-${Math.random()}`,
        source: issuer,
        type: 'matrix.ping',
        time: new Date().toISOString(),
        data: {},
      },
    },
  };
  return calls[key] ?? (key.startsWith('POST') ? { body: {} } : {});
}

function requestFor(key: string, credential: Credential): Request {
  const [method, pattern] = key.split(' ') as [string, string];
  const { query, body } = callFor(key);
  const path = fillPath(pattern, seeded.ids);
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = text ? { 'content-type': 'application/json' } : {};
  const bearer = seeded.bearer[credential];
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (credential === 'source_signature')
    Object.assign(headers, signedHeaders(seeded.signingSecret, text ?? ''));
  return new Request(`http://hub.test${path}${query ? `?${query}` : ''}`, {
    method,
    headers,
    body: text,
  });
}

function paramsOf(pattern: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, rest, name] of pattern.matchAll(/\[(\.\.\.)?(\w+)\]/g)) {
    params[name!] = rest
      ? (['session'] as unknown as string)
      : (seeded.ids as Record<string, string>)[name!]!;
  }
  return params;
}

/** The status a refused credential must get for this route. */
function refusalFor(key: string, credential: Credential): number {
  if (key.endsWith('/events')) return 401;
  if (['none', 'revoked_token', 'expired_token', 'source_signature'].includes(credential))
    return 401;
  if (credential === 'other_org_admin_token') return 404;
  return 403;
}

const tokenCredentials = credentials.filter((c) => !sessionCredentials.includes(c));

describe('API access matrix', () => {
  it('has an entry for every route and method in app/api, and none for a route that is gone', async () => {
    const found: string[] = [];
    for (const route of routes)
      for (const method of Object.keys(await handlersOf(route.file)))
        found.push(`${method} ${route.path}`);
    expect(found.sort()).toEqual(Object.keys(apiAccess).sort());
  });

  it('admits exactly the declared credentials on every route', async () => {
    const firstOrgIds = Object.values(seeded.ids).filter((id) => id.length > 20);
    let cases = 0;
    for (const route of routes) {
      const handlers = await handlersOf(route.file);
      for (const [method, handler] of Object.entries(handlers)) {
        const key = `${method} ${route.path}`;
        for (const credential of tokenCredentials) {
          const response = await handler(requestFor(key, credential), {
            params: Promise.resolve(paramsOf(route.path)),
          });
          const label = `${key} as ${credential}`;
          const body = key.endsWith('/stream') ? '' : await response.text();
          if (key.endsWith('/stream')) await response.body?.cancel();
          cases += 1;
          expect(response.status, `${label}: ${body}`).toBeLessThan(500);
          if (apiAccess[key]!.includes(credential)) {
            expect([401, 403, 404], `${label}: ${body}`).not.toContain(response.status);
          } else {
            expect(response.status, `${label}: ${body}`).toBe(refusalFor(key, credential));
            if (response.status !== 404)
              expect(response.headers.get('content-type'), label).toContain(
                'application/problem+json',
              );
          }
          if (credential === 'other_org_admin_token') {
            for (const id of firstOrgIds) expect(body, `${label} leaks ${id}`).not.toContain(id);
            expect(body, label).not.toContain(seeded.outside.clientId);
          }
        }
      }
    }
    expect(cases).toBe(Object.keys(apiAccess).length * tokenCredentials.length);
  });

  it('answers another org’s revocation check from its own org only', async () => {
    const { POST } = await import('@/app/api/v1/revocations/check/route');
    const ask = async (credential: Credential) =>
      (await (
        await POST(requestFor('POST /api/v1/revocations/check', credential), {
          params: Promise.resolve({}),
        })
      ).json()) as { revoked: boolean };
    expect((await ask('source_key')).revoked).toBe(true);
    expect((await ask('other_org_admin_token')).revoked).toBe(false);
  });
});
