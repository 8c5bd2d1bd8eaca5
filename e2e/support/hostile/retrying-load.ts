import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export type LoadSource = { id: string; signing_secret: string };

export type LoadFigures = {
  batches: number;
  events: number;
  /** failed attempts (network errors, 5xx) that were retried with the same events */
  retries: number;
  statuses: Record<string, number>;
};

const ISSUER = 'https://as.faults.example';
const RESOURCE = 'https://mcp.faults.example/mcp';
const CLIENT_ID = 'https://agent.faults.example/client.json';

/**
 * The batches of client `c`: each issues two tokens and revokes the first, so every batch makes
 * exactly one revocation entry. Event ids are fixed, so a retried batch is recognised.
 */
export function loadBatches(c: number, count: number): object[][] {
  const time = new Date().toISOString();
  const event = (id: string, type: string, data: object) => ({
    specversion: '1.0',
    id,
    source: ISSUER,
    type,
    time,
    data,
  });
  const issued = (ref: string) =>
    event(`c${c}-${ref}-issued`, 'token.issued', {
      token_ref: ref,
      token_type: 'access_token',
      client_id: CLIENT_ID,
      sub: `user-${c}`,
      scopes: ['notes:read'],
      resource: RESOURCE,
      grant_type: 'authorization_code',
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
    });
  return Array.from({ length: count }, (_, b) => [
    issued(`c${c}-b${b}-a`),
    issued(`c${c}-b${b}-b`),
    event(`c${c}-b${b}-revoked`, 'token.revoked', {
      token_ref: `c${c}-b${b}-a`,
      reason: 'fault test',
    }),
  ]);
}

/**
 * A sender as the spec expects one: posts each batch until it is answered 202, retrying the same
 * events (newly signed) after any failure. `url` is read on each attempt. Gives up on a batch
 * only after `patienceMs`, which fails the test.
 */
export async function sendWithRetries(
  url: string,
  source: LoadSource,
  batches: object[][],
  figures: LoadFigures,
  onAccepted: () => void,
  patienceMs = 120_000,
): Promise<void> {
  const webhook = new Webhook(source.signing_secret);
  for (const batch of batches) {
    const body = JSON.stringify(batch);
    const deadline = Date.now() + patienceMs;
    for (;;) {
      const id = `msg_${randomUUID()}`;
      const now = new Date();
      const status = await fetch(`${url}/api/v1/sources/${source.id}/events`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/cloudevents-batch+json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': webhook.sign(id, now, body),
        },
        signal: AbortSignal.timeout(15_000),
      }).then(
        async (res) => {
          await res.arrayBuffer();
          return String(res.status);
        },
        (err: Error) => (err.cause as { code?: string } | undefined)?.code ?? err.name,
      );
      figures.statuses[status] = (figures.statuses[status] ?? 0) + 1;
      if (status === '202') break;
      if (/^4/.test(status)) throw new Error(`a valid batch was refused with ${status}`);
      figures.retries++;
      if (Date.now() > deadline) throw new Error(`the hub did not take a batch back (${status})`);
      await new Promise((r) => setTimeout(r, 150));
    }
    figures.batches++;
    figures.events += batch.length;
    onAccepted();
  }
}

export const FAULTS_ISSUER = ISSUER;
