import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { Db } from '@/db/client';
import { insertRevocationEntry } from '@/db/queries/revocations';
import { deliveryAttempts, outboxDeliveries } from '@/db/schema';
import { createSource } from '@/lib/sources/manage-sources';
import { createTestActor, createTestOrg, unique } from '@/lib/testing/fixtures';

export type Received = { headers: IncomingHttpHeaders; body: string; payload: unknown };

/**
 * A revocation receiver as an MCP server would run one: it verifies the Standard Webhooks
 * signature with the official library, records what it got, and answers `status()`.
 */
export async function startReceiver(secret: () => string) {
  const received: Received[] = [];
  const refused: string[] = [];
  let status = 204;
  let delayMs = 0;
  let responseBody = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const payload = new Webhook(secret()).verify(body, {
          'webhook-id': String(req.headers['webhook-id']),
          'webhook-timestamp': String(req.headers['webhook-timestamp']),
          'webhook-signature': String(req.headers['webhook-signature']),
        });
        received.push({ headers: req.headers, body, payload });
      } catch (err) {
        refused.push(err instanceof Error ? err.message : String(err));
        res.writeHead(401).end();
        return;
      }
      setTimeout(() => res.writeHead(status).end(responseBody), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/revocations`,
    received,
    refused,
    answer(code: number, body = '', delay = 0) {
      status = code;
      responseBody = body;
      delayMs = delay;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An org with one MCP server source pushing to `webhookUrl`, and a way to make entries. */
export async function pushSetup(db: Db, webhookUrl: string) {
  const org = await createTestOrg(db);
  const actor = await createTestActor(db, org.id, 'admin');
  const created = await createSource(db, actor, {
    name: unique('mcp'),
    kind: 'mcp_server',
    resource: 'https://mcp.acme.example',
    revocation_webhook_url: webhookUrl,
  });
  const revoke = (tokenRef: string) =>
    db.transaction((tx) =>
      insertRevocationEntry(tx, org.id, {
        kind: 'token',
        tokenRef,
        revokedAt: new Date(),
        reason: 'test',
        actor: { type: 'admin', id: actor.id },
      }),
    );
  const deliveries = () =>
    db.select().from(outboxDeliveries).where(eq(outboxDeliveries.orgId, org.id));
  const attempts = () =>
    db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.orgId, org.id))
      .orderBy(deliveryAttempts.attemptedAt);
  return {
    org,
    actor,
    source: created.source,
    secret: created.signingSecret,
    revoke,
    deliveries,
    attempts,
  };
}

/** Polls until `check` passes or the time is up; the last failure is thrown. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
