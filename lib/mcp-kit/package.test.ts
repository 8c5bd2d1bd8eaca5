import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestHub } from './test-hub.js';

const run = promisify(execFile);
const here = path.dirname(new URL(import.meta.url).pathname);
const signing = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;
const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

/**
 * A server's own code, run from the fresh folder with only what `npm install` put there: the kit
 * from its tarball and the SDK. It starts a kit against the hub, serves one tool behind it, and
 * calls it with the SDK's client, once with a good token and once with the revoked one.
 */
const server = String.raw`
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createHubKit, jwtVerifier } from '@agent-identity-hub/mcp-kit';
import { SignJWT } from 'jose';

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const resource = 'http://127.0.0.1:' + port + '/mcp';
const metadataUrl = 'http://127.0.0.1:' + port + '/.well-known/oauth-protected-resource/mcp';
const secret = 'the packaged kit test secret';
const kit = createHubKit({
  hubUrl: process.env.HUB_URL,
  sourceId: 'src-pack',
  apiKey: 'hubsrc_pack',
  signingSecret: process.env.HUB_SECRET,
  resource,
  resourceMetadataUrl: metadataUrl,
  authorizationServers: ['https://as.pack.example'],
  tools: { hello: ['notes:read'] },
  verify: jwtVerifier({ issuer: 'https://as.pack.example', audience: resource, secret }),
  reporter: { flushIntervalMs: 50 },
  logger: { warn: () => {} },
});
await kit.start();
const app = createMcpExpressApp();
kit.serveMetadata(app);
app.post('/mcp', kit.bearerAuth(), async (req, res) => {
  const mcp = new McpServer({ name: 'packed', version: '1.0.0' });
  mcp.registerTool('hello', { description: 'Says hello.' }, async (extra) =>
    kit.runTool(extra, { name: 'hello' }, () => ({ content: [{ type: 'text', text: 'hello' }] })),
  );
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => void transport.close());
  await mcp.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
const listener = await new Promise((resolve) => {
  const s = app.listen(port, '127.0.0.1', () => resolve(s));
});
const mint = (jti) =>
  new SignJWT({ client_id: 'agent-pack', scope: 'notes:read', jti })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('https://as.pack.example')
    .setSubject('user-pack')
    .setAudience(resource)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
const call = async (token) => {
  const client = new Client({ name: 'pack-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(resource), {
    requestInit: { headers: { authorization: 'Bearer ' + token } },
  });
  try {
    await client.connect(transport);
    const result = await client.callTool({ name: 'hello', arguments: {} });
    return result.content[0].text;
  } catch (err) {
    return 'refused: ' + err.message;
  } finally {
    await client.close().catch(() => {});
  }
};
const result = {
  seq: kit.sync.set.seq,
  metadata: await (await fetch(metadataUrl)).json(),
  good: await call(await mint('pack-good')),
  revoked: await call(await mint('pack-revoked')),
};
listener.close();
await kit.close();
console.log(JSON.stringify(result));
`;

describe('the kit as a package', () => {
  it('packs into a tarball that installs in a fresh folder and runs a server', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'mcp-kit-pack-'));
    folders.push(folder);
    await run('npm', ['pack', '--pack-destination', folder], { cwd: here });
    const tarball = (await readdir(folder)).find((f) => f.endsWith('.tgz'));
    expect(tarball).toMatch(/^agent-identity-hub-mcp-kit-\d+\.\d+\.\d+\.tgz$/);

    const root = path.resolve(here, '../..');
    const sdk = JSON.parse(
      await readFile(
        path.join(root, 'node_modules/@modelcontextprotocol/sdk/package.json'),
        'utf8',
      ),
    ) as { version: string };
    const jose = JSON.parse(
      await readFile(path.join(root, 'node_modules/jose/package.json'), 'utf8'),
    ) as { version: string };
    const app = path.join(folder, 'server');
    await run('mkdir', ['-p', app]);
    await writeFile(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'packed-server', private: true, type: 'module' }),
    );
    // the cache holds everything the repository's own install fetched; the registry is asked only
    // for what it lacks
    await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        path.join(folder, tarball!),
        `@modelcontextprotocol/sdk@${sdk.version}`,
        `jose@${jose.version}`,
      ],
      { cwd: app },
    );
    const installed = JSON.parse(
      await readFile(
        path.join(app, 'node_modules/@agent-identity-hub/mcp-kit/package.json'),
        'utf8',
      ),
    ) as { name: string };
    expect(installed.name).toBe('@agent-identity-hub/mcp-kit');
    const files = await readdir(path.join(app, 'node_modules/@agent-identity-hub/mcp-kit/dist'));
    expect(files).toContain('index.d.ts');
    expect(files.some((f) => f.endsWith('.test.js'))).toBe(false);

    const hub = await startTestHub(signing, 'hubsrc_pack');
    try {
      hub.revoke({ kind: 'token', token_ref: 'pack-revoked' });
      await writeFile(path.join(app, 'server.mjs'), server);
      const { stdout } = await run('node', ['server.mjs'], {
        cwd: app,
        env: { ...process.env, HUB_URL: hub.url, HUB_SECRET: signing },
        timeout: 30_000,
      });
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(result).toMatchObject({
        seq: '1',
        metadata: {
          authorization_servers: ['https://as.pack.example'],
          scopes_supported: ['notes:read'],
        },
        good: 'hello',
        revoked: expect.stringMatching(/^refused: .*(401|invalid_token|Unauthorized)/i),
      });
      const types = hub.events.map((e) => e.type);
      expect(types).toContain('revocation.applied');
      expect(types).toContain('tool.invoked');
      expect(types).toContain('token.rejected');
    } finally {
      await hub.close();
    }
  }, 120_000);
});
