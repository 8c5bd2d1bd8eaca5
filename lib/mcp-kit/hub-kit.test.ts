import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TOOLS, demoServerUrls, freePort, startDemoMcpServer } from './demo-server.js';
import { createHubKit, type HubKit } from './hub-kit.js';
import { jwtVerifier } from './jwt.js';
import { insufficientScopeChallenge, scopesNeeded } from './scope-challenge.js';
import { startTestHub } from './test-hub.js';

const ISSUER = 'https://as.kit.example';
const SECRET = 'a shared HMAC secret for the kit tests only';
const signing = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
let hub: Awaited<ReturnType<typeof startTestHub>>;
let mcp: Awaited<ReturnType<typeof startDemoMcpServer>>;
let kit: HubKit;
let resource = '';
let metadataUrl = '';

async function mint(
  claims: Record<string, unknown>,
  opts: { aud?: string; exp?: string | number } = {},
) {
  return new SignJWT({ client_id: 'agent-1', scope: 'notes:read', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setSubject(typeof claims.sub === 'string' ? claims.sub : 'user-1')
    .setAudience(opts.aud ?? resource)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '10m')
    .sign(new TextEncoder().encode(SECRET));
}

async function callTool(token: string) {
  const client = new Client({ name: 'kit-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcp.url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  try {
    return await client.callTool({ name: 'search_notes', arguments: { query: 'q3 plan' } });
  } finally {
    await client.close();
  }
}

/** A bare POST, to see the HTTP answer a refused token gets. */
const post = (token?: string, message: object = { method: 'ping' }) =>
  fetch(mcp.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...message }),
  });
const searchCall = {
  method: 'tools/call',
  params: { name: 'search_notes', arguments: { query: 'q3' } },
};

const until = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const reported = (type: string, match: (data: Record<string, unknown>) => boolean) =>
  hub.events.some((e) => e.type === type && match(e.data));

beforeAll(async () => {
  hub = await startTestHub(signing, 'hubsrc_kit');
  const port = await freePort();
  ({ resource, resourceMetadataUrl: metadataUrl } = demoServerUrls(port));
  kit = createHubKit({
    hubUrl: hub.url,
    sourceId: 'src-1',
    apiKey: 'hubsrc_kit',
    signingSecret: signing,
    resource,
    resourceMetadataUrl: metadataUrl,
    tools: DEMO_TOOLS,
    authorizationServers: [ISSUER],
    resourceName: 'Notes',
    verify: jwtVerifier({ issuer: ISSUER, audience: resource, secret: SECRET }),
    reporter: { flushIntervalMs: 20, backoffMs: { initial: 20, max: 50 } },
    logger: { warn: () => {} },
  });
  await kit.start();
  mcp = await startDemoMcpServer({ kit, port });
  await until(() => kit.sync.state === 'streaming');
});

afterAll(async () => {
  await mcp?.close();
  await kit?.close();
  await hub?.close();
});

describe('an MCP server with the kit', () => {
  it('serves a valid token and reports the call', async () => {
    const token = await mint({ jti: 'jti-ok' });
    const result = await callTool(token);
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: 'text', text: '1 note matches “q3 plan”' }]);
    await until(() =>
      reported('tool.invoked', (d) => d.token_ref === 'jti-ok' && d.outcome === 'ok'),
    );
    const event = hub.events.find((e) => e.data.token_ref === 'jti-ok')!;
    expect(event.data).toMatchObject({
      resource,
      tool: 'search_notes',
      client_id: 'agent-1',
      sub: 'user-1',
      scopes: ['notes:read'],
    });
  });

  it('refuses a token once its revocation streams in: 401 invalid_token with resource_metadata', async () => {
    const token = await mint({ jti: 'jti-revoked' });
    expect((await post(token)).status).toBe(200);
    hub.revoke({ kind: 'token', token_ref: 'jti-revoked' });
    await until(() => kit.sync.set.match({ tokenRef: 'jti-revoked' }) !== null, 2000);
    const refused = await post(token);
    expect(refused.status).toBe(401);
    const challenge = refused.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer error="invalid_token"/);
    expect(challenge).toContain(`resource_metadata="${metadataUrl}"`);
    await expect(callTool(token)).rejects.toThrow();
    await until(() =>
      reported('token.rejected', (d) => d.token_ref === 'jti-revoked' && d.cause === 'revoked'),
    );
  });

  it('refuses by grant until a reinstatement, after which new tokens pass', async () => {
    const old = await mint({ jti: 'jti-grant-old', sub: 'user-g' });
    hub.revoke({ kind: 'grant', issuer: ISSUER, client_id: 'agent-1', sub: 'user-g' });
    await until(
      () => kit.sync.set.match({ issuer: ISSUER, clientId: 'agent-1', sub: 'user-g' }) !== null,
    );
    expect((await post(old)).status).toBe(401);
    const notBefore = new Date(Date.now() + 1000);
    hub.revoke({
      kind: 'grant',
      issuer: ISSUER,
      client_id: 'agent-1',
      sub: 'user-g',
      not_before: notBefore.toISOString(),
    });
    await until(() => kit.sync.set.seq === '3');
    expect((await post(old)).status).toBe(401);
    await new Promise((r) => setTimeout(r, notBefore.getTime() - Date.now() + 1100));
    expect((await post(await mint({ jti: 'jti-grant-new', sub: 'user-g' }))).status).toBe(200);
  });

  it('names the cause of each refusal: missing, wrong audience, expired, bad signature', async () => {
    const missing = await post();
    expect(missing.status).toBe(401);
    const basic = await fetch(mcp.url, {
      method: 'POST',
      headers: { authorization: 'Basic YTpi' },
    });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(missing.headers.get('www-authenticate')).toContain(`resource_metadata="${metadataUrl}"`);
    expect(
      (await post(await mint({ jti: 'jti-aud' }, { aud: 'https://other.example' }))).status,
    ).toBe(401);
    const expired = await mint(
      { jti: 'jti-exp', iat: Math.floor(Date.now() / 1000) - 3600 },
      {
        exp: Math.floor(Date.now() / 1000) - 600,
      },
    );
    expect((await post(expired)).status).toBe(401);
    const forged = (await mint({ jti: 'jti-forged' })).slice(0, -4) + 'AAAA';
    expect((await post(forged)).status).toBe(401);
    await until(() => reported('token.rejected', (d) => d.cause === 'missing'));
    await until(() =>
      reported('token.rejected', (d) => d.token_ref === 'jti-aud' && d.cause === 'wrong_audience'),
    );
    await until(() =>
      reported('token.rejected', (d) => d.token_ref === 'jti-exp' && d.cause === 'expired'),
    );
    await until(() =>
      reported(
        'token.rejected',
        (d) => d.token_ref === 'jti-forged' && d.cause === 'bad_signature',
      ),
    );
  });

  it('answers a tools/call without the tool’s scope with 403 insufficient_scope, and reports it', async () => {
    const token = await mint({ jti: 'jti-scope', scope: 'calendar:read' });
    const refused = await post(token, searchCall);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toBe(
      `Bearer error="insufficient_scope", scope="notes:read", resource_metadata="${metadataUrl}", ` +
        'error_description="This call needs the scope notes:read"',
    );
    expect(await refused.json()).toMatchObject({ error: 'insufficient_scope' });
    await until(() =>
      reported(
        'tool.denied',
        (d) =>
          d.tool === 'search_notes' &&
          (d.required_scopes as string[]).join() === 'notes:read' &&
          (d.granted_scopes as string[]).join() === 'calendar:read',
      ),
    );
    // the official client sees the refusal as an error, not as a tool result
    await expect(callTool(token)).rejects.toThrow(/403|insufficient_scope|Forbidden/i);
    // other requests with that token still pass: the check is per tool
    expect((await post(token, { method: 'tools/list' })).status).toBe(200);
    expect((await post(await mint({ jti: 'jti-scope-ok' }), searchCall)).status).toBe(200);
  });

  it('serves the RFC 9728 metadata at the resource_metadata URL', async () => {
    const res = await fetch(metadataUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      resource,
      authorization_servers: [ISSUER],
      scopes_supported: ['notes:read'],
      bearer_methods_supported: ['header'],
      resource_name: 'Notes',
    });
    expect(kit.protectedResourceMetadata().resource).toBe(resource);
  });

  it('keeps serving tools while the hub is down, and reports once it is back', async () => {
    hub.setIngestionUp(false);
    const token = await mint({ jti: 'jti-hub-down' });
    const started = Date.now();
    expect((await callTool(token)).isError).toBeFalsy();
    expect(Date.now() - started).toBeLessThan(2000);
    await until(() => kit.reporter.stats.failedAttempts > 0);
    hub.setIngestionUp(true);
    await until(() => reported('tool.invoked', (d) => d.token_ref === 'jti-hub-down'));
  });
});

describe('the scope challenge', () => {
  it('names every scope the calls need, once, whatever the token holds', () => {
    const table = { read: ['notes:read'], write: ['notes:read', 'notes:write'], free: [] };
    expect(scopesNeeded(['read', 'write', 'free', 'unknown'], table)).toEqual([
      'notes:read',
      'notes:write',
    ]);
    expect(
      insufficientScopeChallenge({
        needed: ['notes:read', 'notes:write'],
        missing: ['notes:write'],
        resourceMetadataUrl: 'https://mcp.example/.well-known/oauth-protected-resource/mcp',
      }),
    ).toBe(
      'Bearer error="insufficient_scope", scope="notes:read notes:write", ' +
        'resource_metadata="https://mcp.example/.well-known/oauth-protected-resource/mcp", ' +
        'error_description="This call needs the scope notes:write"',
    );
  });

  it('refuses to describe a resource without its authorization servers', () => {
    const bare = createHubKit({
      hubUrl: 'http://127.0.0.1:9',
      sourceId: 's',
      apiKey: 'k',
      signingSecret: signing,
      resource: 'https://mcp.example/mcp',
      resourceMetadataUrl: 'https://mcp.example/.well-known/oauth-protected-resource/mcp',
      verify: jwtVerifier({ issuer: ISSUER, audience: 'https://mcp.example/mcp', secret: SECRET }),
      logger: { warn: () => {} },
    });
    expect(() => bare.protectedResourceMetadata()).toThrow(/authorizationServers/);
    bare.acknowledger.stop();
  });
});
