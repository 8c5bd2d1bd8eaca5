import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { z } from 'zod';
import type { HubKit } from './hub-kit.js';

export type DemoServerOptions = {
  /** a kit made with `tools: DEMO_TOOLS` and its `authorizationServers`, for the metadata */
  kit: HubKit;
  /** the port the kit's `resource` and `resourceMetadataUrl` were built with (see `freePort`) */
  port: number;
};

/** A free local port, to build the server's URLs before it listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The URLs of a demo server on `port`: its resource URI and its RFC 9728 metadata. */
export function demoServerUrls(port: number) {
  const base = `http://127.0.0.1:${port}`;
  return {
    resource: `${base}/mcp`,
    resourceMetadataUrl: `${base}/.well-known/oauth-protected-resource/mcp`,
  };
}

/** The scopes of the demo's one tool. */
export const NOTES_SCOPE = 'notes:read';
/** The demo's tools and the scopes each needs: the kit's `tools` option. */
export const DEMO_TOOLS = { search_notes: [NOTES_SCOPE] } as const;

/**
 * A small real MCP server protected by the kit, the shape the README shows: Streamable HTTP
 * (stateless) on `/mcp`, RFC 9728 metadata at `/.well-known/oauth-protected-resource/mcp` (served
 * by the kit), and one tool, `search_notes`, that needs `notes:read`. Used by the kit's tests, the
 * e2e and the bench.
 */
export async function startDemoMcpServer(options: DemoServerOptions) {
  const { kit } = options;
  const app = createMcpExpressApp();
  const urls = demoServerUrls(options.port);
  kit.serveMetadata(app);
  app.post('/mcp', kit.bearerAuth(), async (req: NodeRequest, res: NodeResponse) => {
    const server = new McpServer({ name: 'notes', version: '1.0.0' });
    server.registerTool(
      'search_notes',
      {
        description: 'Searches the notes.',
        inputSchema: { query: z.string().max(200) },
      },
      async ({ query }, extra) =>
        kit.runTool(extra, { name: 'search_notes' }, () => ({
          content: [{ type: 'text', text: `1 note matches “${query}”` }],
        })),
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  const listener: Server = await new Promise((resolve) => {
    const s: Server = app.listen(options.port, '127.0.0.1', () => resolve(s));
  });
  return {
    url: urls.resource,
    close: () =>
      new Promise<void>((resolve) => {
        listener.closeAllConnections();
        listener.close(() => resolve());
      }),
  };
}

type NodeRequest = IncomingMessage & { body?: unknown; auth?: AuthInfo };
type NodeResponse = ServerResponse;
