import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as TransportV2,
} from '@modelcontextprotocol/client';
import { createMcpExpressApp as expressAppV2 } from '@modelcontextprotocol/express';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer as McpServerV2 } from '@modelcontextprotocol/server';
import { expect, test } from '@playwright/test';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { createHubKit, jwtVerifier, type HubKit } from '../lib/mcp-kit/index';
import {
  DEMO_TOOLS,
  demoServerUrls,
  freePort,
  startDemoMcpServer,
} from '../lib/mcp-kit/demo-server';
import { startTestHub } from '../lib/mcp-kit/test-hub';

// The kit on a real MCP server and client of each SDK generation, against the kit's stand-in hub
// (feed, stream and signed ingestion): nothing here reads the hub's database, so it runs once a run.

const ISSUER = 'https://as.sdks.e2e.example';
const JWT_SECRET = 'the kit SDK e2e secret';
const SIGNING = `whsec_${Buffer.alloc(32, 11).toString('base64')}`;
const API_KEY = 'hubsrc_sdks';

type Hub = Awaited<ReturnType<typeof startTestHub>>;

function kitFor(hub: Hub, resource: string, resourceMetadataUrl: string): HubKit {
  return createHubKit({
    hubUrl: hub.url,
    sourceId: 'src-sdks',
    apiKey: API_KEY,
    signingSecret: SIGNING,
    resource,
    resourceMetadataUrl,
    tools: DEMO_TOOLS,
    authorizationServers: [ISSUER],
    verify: jwtVerifier({ issuer: ISSUER, audience: resource, secret: JWT_SECRET }),
    reporter: { flushIntervalMs: 50 },
    logger: { warn: () => {} },
  });
}

const mint = (resource: string, jti: string, scope = 'notes:read') =>
  new SignJWT({ client_id: 'agent-sdks', scope, jti })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setSubject('user-sdks')
    .setAudience(resource)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET));

/**
 * One `search_notes` call through an SDK client; its text, or the error it ended with (both SDKs
 * put the refusal's JSON body in the message).
 */
type Call = (url: string, token: string) => Promise<string>;

/** A Call through one SDK's client and Streamable HTTP transport (the two share their shape). */
function caller(
  ClientClass: typeof Client | typeof ClientV2,
  TransportClass: typeof StreamableHTTPClientTransport | typeof TransportV2,
): Call {
  return async (url, token) => {
    const client = new ClientClass({ name: 'e2e-sdks', version: '1.0.0' });
    const transport = new TransportClass(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    });
    try {
      await (client as Client).connect(transport as StreamableHTTPClientTransport);
      const result = await client.callTool({ name: 'search_notes', arguments: { query: 'q3' } });
      return (result.content as { text: string }[])[0]!.text;
    } catch (err) {
      return `refused: ${(err as Error).message}`;
    } finally {
      await client.close().catch(() => {});
    }
  };
}
const callV1 = caller(Client, StreamableHTTPClientTransport);
const callV2 = caller(ClientV2, TransportV2);

/** The same server as demo-server.ts, on SDK 2.x: McpServer, its Express app and Node transport. */
async function startV2Server(kit: HubKit, port: number) {
  const app = expressAppV2();
  kit.serveMetadata(app);
  app.post(
    '/mcp',
    kit.bearerAuth(),
    async (req: IncomingMessage & { body?: unknown }, res: ServerResponse) => {
      const server = new McpServerV2({ name: 'notes-v2', version: '1.0.0' });
      server.registerTool(
        'search_notes',
        { description: 'Searches the notes.', inputSchema: z.object({ query: z.string() }) },
        async ({ query }, ctx) =>
          kit.runTool(ctx, { name: 'search_notes' }, () => ({
            content: [{ type: 'text' as const, text: `1 note matches “${query}”` }],
          })),
      );
      const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    },
  );
  const listener: Server = await new Promise((resolve) => {
    const s: Server = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        listener.closeAllConnections();
        listener.close(() => resolve());
      }),
  };
}

const generations = [
  {
    sdk: '1.x (@modelcontextprotocol/sdk)',
    call: callV1,
    start: (kit: HubKit, port: number) => startDemoMcpServer({ kit, port }),
  },
  {
    sdk: '2.x (@modelcontextprotocol/server, /express, /node, /client)',
    call: callV2,
    start: startV2Server,
  },
];

test.describe('the MCP server kit on each SDK', () => {
  for (const { sdk, call, start } of generations) {
    test(
      `SDK ${sdk}: serves, refuses a revoked token, challenges a missing scope and acknowledges`,
      { tag: '@once-per-run-pg' },
      async () => {
        const hub = await startTestHub(SIGNING, API_KEY);
        hub.revoke({ kind: 'token', token_ref: 'sdks-early' });
        const port = await freePort();
        const { resource, resourceMetadataUrl } = demoServerUrls(port);
        const kit = kitFor(hub, resource, resourceMetadataUrl);
        await kit.start();
        const server = await start(kit, port);
        try {
          await expect.poll(() => kit.sync.state).toBe('streaming');
          // caught up: acknowledged through the entry already there
          await expect
            .poll(() =>
              hub.events
                .filter((e) => e.type === 'revocation.applied')
                .map((e) => e.data.through_seq),
            )
            .toContain('1');

          const metadata = await fetch(resourceMetadataUrl);
          expect(await metadata.json()).toMatchObject({
            resource,
            authorization_servers: [ISSUER],
          });

          const good = await mint(resource, 'sdks-good');
          expect(await call(resource, good)).toBe('1 note matches “q3”');
          expect(await call(resource, await mint(resource, 'sdks-early'))).toMatch(
            /^refused: .*invalid_token.*revoked/,
          );

          // revoked while it runs: refused from the next call, and acknowledged
          hub.revoke({ kind: 'token', token_ref: 'sdks-good' });
          await expect.poll(() => kit.sync.set.match({ tokenRef: 'sdks-good' })).not.toBeNull();
          expect(await call(resource, good)).toMatch(/^refused: .*invalid_token.*revoked/);
          await expect
            .poll(() =>
              hub.events
                .filter((e) => e.type === 'revocation.applied')
                .map((e) => e.data.through_seq),
            )
            .toContain('2');

          // a token without the tool's scope: 403 insufficient_scope before the tool runs
          const narrow = await mint(resource, 'sdks-narrow', 'calendar:read');
          expect(await call(resource, narrow)).toMatch(
            /^refused: .*insufficient[_ ]scope.*notes:read/i,
          );
          const challenge = await fetch(resource, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${narrow}`,
              'content-type': 'application/json',
              accept: 'application/json, text/event-stream',
            },
            body: JSON.stringify({
              jsonrpc: '2.0',
              id: 1,
              method: 'tools/call',
              params: { name: 'search_notes', arguments: { query: 'q3' } },
            }),
          });
          expect(challenge.status).toBe(403);
          expect(challenge.headers.get('www-authenticate')).toContain(
            `Bearer error="insufficient_scope", scope="notes:read", resource_metadata="${resourceMetadataUrl}"`,
          );
          await expect
            .poll(() => hub.events.filter((e) => e.type === 'tool.denied').length)
            .toBeGreaterThan(0);
          await expect
            .poll(() =>
              hub.events.some((e) => e.type === 'tool.invoked' && e.data.token_ref === 'sdks-good'),
            )
            .toBe(true);
        } finally {
          await server.close();
          await kit.close();
          await hub.close();
        }
      },
    );
  }
});
