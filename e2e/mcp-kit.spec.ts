import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect, test } from '@playwright/test';
import { SignJWT } from 'jose';
import { BASE_URL, storageStates } from './fixtures/accounts';
import { shoot } from './support/screenshots';
import { createHubKit, jwtVerifier, type HubKit } from '../lib/mcp-kit/index';
import {
  DEMO_TOOLS,
  demoServerUrls,
  freePort,
  startDemoMcpServer,
} from '../lib/mcp-kit/demo-server';
import { createSource } from './fixtures/sources';
import { cloudEvent, postSignedEvents } from './support/signed-events';

/** Sends CloudEvents to a source's ingestion endpoint, signed as its producer would. */
async function send(endpoint: string, secret: string, events: object[]) {
  const res = await postSignedEvents(endpoint, secret, events);
  expect(res.status, await res.clone().text()).toBe(202);
}

/** One call of the demo server's tool by a real MCP client; the HTTP status of a refusal. */
async function callTool(url: string, token: string) {
  const client = new Client({ name: 'e2e-agent', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  try {
    await client.connect(transport);
    const result = await client.callTool({ name: 'search_notes', arguments: { query: 'roadmap' } });
    return { ok: !result.isError, status: 200, result };
  } catch (err) {
    if (err instanceof StreamableHTTPError) return { ok: false, status: err.code ?? 0 };
    throw err;
  } finally {
    await client.close().catch(() => {});
  }
}

test.describe('the MCP server kit', () => {
  test.use({ storageState: storageStates.admin });

  test('a real MCP server refuses a token once it is revoked in the console', async ({ page }) => {
    const stamp = Date.now();
    const issuer = `https://as-${stamp}.kit.e2e.example`;
    const jwtSecret = `e2e jwt secret ${randomUUID()}`;
    const clientId = `https://agent-${stamp}.kit.e2e.example/client.json`;
    const sub = `u-kit-${stamp}`;
    const port = await freePort();
    const { resource, resourceMetadataUrl } = demoServerUrls(port);

    const as = await createSource(page.request, {
      name: `E2E kit AS ${stamp}`,
      kind: 'authorization_server',
      issuer,
    });
    const mcpSource = await createSource(page.request, {
      name: `E2E kit MCP ${stamp}`,
      kind: 'mcp_server',
      resource,
    });

    // The authorization server tells the hub about the agent, the user's consent and the token.
    const jti = `jti-${randomUUID()}`;
    const issuedAt = Math.floor(Date.now() / 1000);
    const event = (type: string, data: object) => cloudEvent(issuer, type, data);
    await send(as.endpoint_url, as.signing_secret, [
      event('client.registered', {
        client_id: clientId,
        method: 'cimd',
        client_name: `Kit E2E Agent ${stamp}`,
        redirect_uris: ['https://agent.kit.e2e.example/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_method: 'none',
      }),
      event('consent.granted', { client_id: clientId, sub, scopes: ['notes:read'], resource }),
      event('token.issued', {
        token_ref: jti,
        token_type: 'access_token',
        client_id: clientId,
        sub,
        scopes: ['notes:read'],
        resource,
        grant_type: 'authorization_code',
        expires_at: new Date((issuedAt + 3600) * 1000).toISOString(),
      }),
    ]);
    const token = await new SignJWT({ client_id: clientId, scope: 'notes:read', jti })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(issuer)
      .setSubject(sub)
      .setAudience(resource)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 3600)
      .sign(new TextEncoder().encode(jwtSecret));

    const kit: HubKit = createHubKit({
      hubUrl: BASE_URL,
      sourceId: mcpSource.id,
      apiKey: mcpSource.api_key,
      signingSecret: mcpSource.signing_secret,
      resource,
      resourceMetadataUrl,
      tools: DEMO_TOOLS,
      authorizationServers: [issuer],
      verify: jwtVerifier({ issuer, audience: resource, secret: jwtSecret }),
      reporter: { flushIntervalMs: 200 },
    });
    await kit.start();
    const mcp = await startDemoMcpServer({ kit, port });
    // As a server does at start: its name and tool catalog, so the console can show them.
    kit.reporter.resourceUpdated({
      name: `Kit E2E Notes ${stamp}`,
      authorization_servers: [issuer],
      scopes_supported: ['notes:read'],
      scope_descriptions: { 'notes:read': 'Read your notes' },
      tools: [
        {
          name: 'search_notes',
          description: 'Searches the notes.',
          required_scopes: ['notes:read'],
        },
      ],
    });
    try {
      await expect.poll(() => kit.sync.state).toBe('streaming');
      const first = await callTool(mcp.url, token);
      expect(first).toMatchObject({ ok: true, status: 200 });

      const audit = (type: string) => async () => {
        const res = await page.request.get(
          `/api/v1/audit-events?type=${type}&source_id=${mcpSource.id}&limit=20`,
        );
        // An audit event's `data` is the CloudEvent as it was sent.
        const body = (await res.json()) as {
          items: { data: { data: Record<string, unknown> } }[];
        };
        return body.items.map((e) => e.data.data).filter((d) => d.token_ref === jti);
      };
      await expect
        .poll(audit('tool.invoked'))
        .toEqual([expect.objectContaining({ tool: 'search_notes', outcome: 'ok', sub })]);

      // The admin revokes the token on its page in the console.
      let tokenId = '';
      await expect(async () => {
        const res = await page.request.get(
          `/api/v1/tokens?client_id=${encodeURIComponent(clientId)}&sub=${sub}`,
        );
        const items = ((await res.json()) as { items: { id: string; token_ref: string }[] }).items;
        tokenId = items.find((t) => t.token_ref === jti)?.id ?? '';
        expect(tokenId).not.toBe('');
      }).toPass();
      await page.goto(`/tokens/${tokenId}`);
      await page.getByRole('button', { name: 'Revoke token' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/Reason/).fill('E2E: agent misbehaved on the notes server');
      await dialog.getByRole('button', { name: 'Revoke token' }).click();
      const revokedAt = Date.now();
      await expect(dialog.getByText('The token is revoked.')).toBeVisible();

      // The MCP server refuses it, with the challenge MCP authorization requires. How fast is a
      // benchmark's question, not a test's (`npm run bench:revocation` measures this very path).
      let refusedAfter = -1;
      await expect
        .poll(
          async () => {
            const res = await fetch(mcp.url, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${token}`,
                'content-type': 'application/json',
                accept: 'application/json, text/event-stream',
              },
              body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
            });
            await res.body?.cancel();
            if (res.status === 401 && refusedAfter < 0) {
              refusedAfter = Date.now() - revokedAt;
              expect(res.headers.get('www-authenticate')).toBe(
                `Bearer error="invalid_token", error_description="The access token has been revoked", resource_metadata="${resourceMetadataUrl}"`,
              );
            }
            return res.status;
          },
          { intervals: [50], timeout: 10_000 },
        )
        .toBe(401);
      console.log(`[mcp-kit e2e] refused ${refusedAfter} ms after the revoke was confirmed`);
      expect(await callTool(mcp.url, token)).toMatchObject({ ok: false, status: 401 });
      await expect
        .poll(audit('token.rejected'))
        .toContainEqual(expect.objectContaining({ cause: 'revoked', client_id: clientId }));

      await dialog.getByRole('button', { name: 'Done' }).click();
      await expect(
        page.getByText('E2E: agent misbehaved on the notes server').first(),
      ).toBeVisible();
      await shoot(page, 'mcp-kit-token-revoked');
      await page.goto(`/audit?type=token.rejected&resource=${encodeURIComponent(resource)}`);
      await expect(
        page.getByRole('row').filter({ hasText: 'rejected a token (revoked)' }).first(),
      ).toBeVisible();
      await shoot(page, 'mcp-kit-token-rejected-audit');
    } finally {
      await mcp.close();
      await kit.close();
    }
  });
});
