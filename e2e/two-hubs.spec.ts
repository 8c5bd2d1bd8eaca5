import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { freshDatabaseEnv } from './support/fresh-database';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { startRevocationReceiver } from './support/revocation-receiver';
import { postSignedEvents } from './support/signed-events';

const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
const PORTS = [3110 + offset, 3111 + offset] as const;

/** Reads an SSE response until an event with `id` arrives; resolves its data. */
async function waitForStreamEvent(response: Response, id: string, timeoutMs = 15_000) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const limit = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before event ${id}:\n${buffer}`);
      buffer += decoder.decode(value, { stream: true });
      for (const block of buffer.split('\n\n')) {
        if (new RegExp(`^id: ${id}$`, 'm').test(block)) {
          return JSON.parse(block.match(/^data: (.*)$/m)![1]!) as Record<string, unknown>;
        }
      }
    }
  } finally {
    clearTimeout(limit);
  }
}

test('two hub processes on one PostgreSQL: a revoke on A streams from B and is pushed once', async () => {
  test.setTimeout(300_000);
  const token = `hub_${randomBytes(24).toString('hex')}`;
  const env = {
    ...(await freshDatabaseEnv('two')),
    // both processes must share what they encrypt and sign with
    HUB_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUTH_SECRET: randomBytes(32).toString('base64'),
    HUB_INIT_ADMIN_API_TOKEN: token,
    HUB_ADMIN_EMAIL: 'two@e2e.test',
    HUB_ADMIN_PASSWORD: 'two hubs share one database',
    // the receiver listens on loopback
    HUB_ALLOW_PRIVATE_TARGETS: '1',
  };
  const receiver = await startRevocationReceiver(204);
  const hubs: HubProcess[] = [];
  try {
    // One at a time: the first applies the migrations.
    for (const port of PORTS) {
      const hub = startHubProcess(env, port);
      hubs.push(hub);
      await hub.waitFor(new RegExp(`serving http://localhost:${port}`), 120_000);
    }
    const [a, b] = hubs as [HubProcess, HubProcess];
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const created = await fetch(`${a.url}/api/v1/sources`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        name: 'Authorization server',
        kind: 'authorization_server',
        issuer: 'https://as.two.example',
        revocation_webhook_url: receiver.url,
      }),
    });
    expect(created.status).toBe(201);
    const source = (await created.json()) as {
      id: string;
      signing_secret: string;
      api_key: string;
    };
    receiver.useSecret(source.signing_secret);
    const time = new Date().toISOString();
    const ingested = await postSignedEvents(
      `${a.url}/api/v1/sources/${source.id}/events`,
      source.signing_secret,
      [
        {
          specversion: '1.0',
          id: 'reg-1',
          source: 'https://as.two.example',
          type: 'client.registered',
          time,
          data: {
            client_id: 'https://agent.two.example/client.json',
            method: 'cimd',
            client_name: 'Two Hubs Agent',
            redirect_uris: ['https://agent.two.example/cb'],
            grant_types: ['authorization_code'],
            token_endpoint_auth_method: 'none',
          },
        },
        {
          specversion: '1.0',
          id: 'tok-1',
          source: 'https://as.two.example',
          type: 'token.issued',
          time,
          data: {
            token_ref: 'two-hubs-token',
            token_type: 'access_token',
            client_id: 'https://agent.two.example/client.json',
            sub: 'maya',
            scopes: ['files:read'],
            expires_at: new Date(Date.now() + 3_600_000).toISOString(),
            grant_type: 'authorization_code',
          },
        },
      ],
    );
    expect(ingested.status).toBe(202);

    // Subscribed on B with the source's API key, from the current end of the feed.
    const stream = await fetch(`${b.url}/api/v1/revocations/stream`, {
      headers: { authorization: `Bearer ${source.api_key}` },
    });
    expect(stream.status).toBe(200);

    const tokens = (await (
      await fetch(`${a.url}/api/v1/tokens?active=true`, { headers: auth })
    ).json()) as { items: { id: string }[] };
    const revoked = await fetch(`${a.url}/api/v1/tokens/${tokens.items[0]!.id}/revoke`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ reason: 'revoked on A' }),
    });
    expect(revoked.status).toBe(200);
    const seq = ((await revoked.json()) as { revocation_entries: { seq: string }[] })
      .revocation_entries[0]!.seq;

    const streamed = await waitForStreamEvent(stream, seq);
    expect(streamed).toMatchObject({
      seq,
      kind: 'token',
      token_ref: 'two-hubs-token',
      reason: 'revoked on A',
    });
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    // Both processes run a push worker. A worker attempts only what it claimed (a lease the other
    // cannot take) and records the answer before the lease ends: once the delivery reads as
    // delivered after one attempt, no worker can still be sending it.
    await expect
      .poll(
        async () => {
          const answer = await fetch(`${b.url}/api/v1/revocations/${seq}/deliveries`, {
            headers: auth,
          });
          const { deliveries } = (await answer.json()) as {
            deliveries: { status: string; attempts: number }[];
          };
          return deliveries.map((d) => `${d.status} after ${d.attempts}`);
        },
        { timeout: 15_000 },
      )
      .toEqual(['delivered after 1']);
    expect(receiver.received.map((r) => r.event.data.seq)).toEqual([seq]);
    expect(receiver.refused()).toBe(0);
  } finally {
    for (const hub of hubs) await hub.stop();
    await receiver.close();
  }
});
