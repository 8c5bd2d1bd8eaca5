import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

export type RawRequest = {
  method: string;
  /** path and query, sent as they are (already percent-encoded where needed) */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** send the body chunked, with no content-length */
  chunked?: boolean;
};

export type RawAnswer = { status: number; headers: Record<string, string>; body: Buffer };

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/**
 * One request over node:http, bytes as given: header values may carry any Latin-1 byte, bodies
 * any bytes (invalid UTF-8 included). `localAddress` picks the client address (127.0.0.x), which
 * the hub sees as the caller's IP.
 */
export function sendRaw(
  base: string,
  req: RawRequest,
  options: { localAddress?: string } = {},
): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    if (req.body && !req.chunked) headers['content-length'] ??= String(req.body.length);
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers,
        agent: options.localAddress ? undefined : agent,
        localAddress: options.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(res.headers).map(([k, v]) => [k, String(v)]),
            ),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    // A request the hub never answers is a finding, not a hang of the test.
    outgoing.setTimeout(20_000, () => outgoing.destroy(new Error('no answer within 20 s')));
    if (req.body && req.chunked) {
      const half = Math.floor(req.body.length / 2);
      outgoing.write(req.body.subarray(0, half));
      outgoing.end(req.body.subarray(half));
    } else outgoing.end(req.body);
  });
}

/** Standard Webhooks v1 over raw bytes (the library signs strings only). */
export function signWebhook(secret: string, id: string, timestamp: string, body: Buffer): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/** Runs `jobs` with at most `concurrency` in flight, in order of the list. */
export async function runPool<J>(
  jobs: readonly J[],
  concurrency: number,
  run: (job: J, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      await run(jobs[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
}
