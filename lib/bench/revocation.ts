/**
 * `npm run bench:revocation`: how long a revocation takes to reach MCP servers. A hub (the
 * production build, in a process of its own, on a new database of the PostgreSQL server of
 * DATABASE_URL or the local one) gets many token revocations through the admin API; for each, the
 * time until it arrives on an SSE subscriber, reaches a push webhook, and a real SDK-based MCP
 * server using lib/mcp-kit refuses the token. Then one hub process serves a thousand SSE
 * subscribers and a new entry's fan-out is timed. It reports; it fails only when something broke.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { SignJWT } from 'jose';
import { createHubKit, jwtVerifier } from '@/lib/mcp-kit/index';
import {
  DEMO_TOOLS,
  demoServerUrls,
  freePort,
  startDemoMcpServer,
} from '@/lib/mcp-kit/demo-server';
import { ensureBuild } from '@/lib/server/hub-server';
import { describeMachine, saveReport } from './report';
import {
  adminApi,
  sendEvents,
  startBenchHub,
  tokenEvents,
  type BenchHub,
  type CreatedSource,
} from './revocation-hub';
import { Arrivals, probeUntilRefused, startPushReceiver, subscribe } from './revocation-probes';
import { formatRevocationReport, latency, type RevocationBenchReport } from './revocation-report';

const log = (line: string) => console.error(`[bench] ${line}`);
const positive = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};
const REVOCATIONS = positive('BENCH_REVOCATIONS', 200);
const SUBSCRIBERS = positive('BENCH_SUBSCRIBERS', 1000);
const FAN_OUT_ENTRIES = 5;
const PROBE_EVERY_MS = 10;
const WAIT_MS = 30_000;
const ISSUER = 'https://as.bench.example';
const CLIENT_ID = 'bench-revocation-agent';
const JWT_SECRET = `bench-${randomUUID()}`;

type TokenRow = { id: string; token_ref: string; sub: string };

async function listTokens(api: ReturnType<typeof adminApi>): Promise<TokenRow[]> {
  const rows: TokenRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: TokenRow[]; next_cursor: string | null } = await api(
      'GET',
      `/api/v1/tokens?client_id=${CLIENT_ID}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    rows.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return rows;
}

const mint = (ref: { jti: string; sub: string }, audience: string) =>
  new SignJWT({ client_id: CLIENT_ID, scope: 'notes:read', jti: ref.jti })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setSubject(ref.sub)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(JWT_SECRET));

const median = (values: number[]) => latency('', values).p50Ms;

/** An authenticated request that does next to nothing: Next, API-token check, one indexed read. */
async function baselineGets(api: ReturnType<typeof adminApi>, seq: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await api('GET', `/api/v1/revocations?after=${seq}&limit=1`);
    times.push(performance.now() - t0);
  }
  return times;
}

async function run(hub: BenchHub, loadAtStart: number[]): Promise<RevocationBenchReport> {
  const api = adminApi(hub);
  const sseArrivals = new Arrivals();
  const pushArrivals = new Arrivals();
  const push = await startPushReceiver(pushArrivals);
  const mcpPort = await freePort();
  const { resource, resourceMetadataUrl } = demoServerUrls(mcpPort);
  const as = await api<CreatedSource>('POST', '/api/v1/sources', {
    name: 'Bench authorization server',
    kind: 'authorization_server',
    issuer: ISSUER,
  });
  const mcpSource = await api<CreatedSource>('POST', '/api/v1/sources', {
    name: 'Bench MCP server',
    kind: 'mcp_server',
    resource,
    revocation_webhook_url: push.url,
  });
  push.useSecret(mcpSource.signing_secret);
  const { refs, events } = tokenEvents(ISSUER, CLIENT_ID, resource, REVOCATIONS + FAN_OUT_ENTRIES);
  for (let i = 0; i < events.length; i += 500) await sendEvents(as, events.slice(i, i + 500));
  const byRef = new Map((await listTokens(api)).map((t) => [t.token_ref, t]));
  if (byRef.size < refs.length)
    throw new Error(`the hub knows ${byRef.size} of ${refs.length} tokens`);

  const kit = createHubKit({
    hubUrl: hub.url,
    sourceId: mcpSource.id,
    apiKey: mcpSource.api_key,
    signingSecret: mcpSource.signing_secret,
    resource,
    resourceMetadataUrl,
    tools: DEMO_TOOLS,
    authorizationServers: [ISSUER],
    verify: jwtVerifier({ issuer: ISSUER, audience: resource, secret: JWT_SECRET }),
  });
  await kit.start();
  const mcp = await startDemoMcpServer({ kit, port: mcpPort });
  const subscriber = subscribe(hub.url, mcpSource.api_key, '0', sseArrivals);
  const subscribers: ReturnType<typeof subscribe>[] = [];
  try {
    await subscriber.connected;
    const waitStreaming = performance.now();
    while (kit.sync.state !== 'streaming') {
      if (performance.now() - waitStreaming > WAIT_MS) throw new Error('the kit never streamed');
      await new Promise((r) => setTimeout(r, 20));
    }
    const samples = {
      api: [] as number[],
      sse: [] as number[],
      push: [] as number[],
      mcp: [] as number[],
    };
    const missed = { sse: 0, push: 0, mcp: 0 };
    const deltas = {
      sseBeforeAnswer: [] as number[],
      pushAfterSse: [] as number[],
      mcpAfterSse: [] as number[],
    };
    log(`${REVOCATIONS} revocations, one at a time, on ${hub.label}…`);
    for (const [i, ref] of refs.slice(0, REVOCATIONS).entries()) {
      const token = await mint(ref, resource);
      if ((await probeUntilRefused(mcp.url, token, 0, 0)) !== null)
        throw new Error('refused early');
      const t0 = performance.now();
      const refused = probeUntilRefused(mcp.url, token, PROBE_EVERY_MS, WAIT_MS);
      await api('POST', `/api/v1/tokens/${byRef.get(ref.jti)!.id}/revoke`, {
        reason: `bench revocation ${i + 1}`,
      });
      samples.api.push(performance.now() - t0);
      const [sse, pushed, mcpAt] = await Promise.all([
        sseArrivals.wait(ref.jti, WAIT_MS),
        pushArrivals.wait(ref.jti, WAIT_MS),
        refused,
      ]);
      if (sse !== null && pushed !== null && mcpAt !== null) {
        const answered = samples.api.at(-1)! + t0;
        deltas.sseBeforeAnswer.push(answered - sse);
        deltas.pushAfterSse.push(pushed - sse);
        deltas.mcpAfterSse.push(mcpAt - sse);
      }
      for (const [key, at] of [
        ['sse', sse],
        ['push', pushed],
        ['mcp', mcpAt],
      ] as const) {
        if (at === null) missed[key]++;
        else samples[key].push(at - t0);
      }
      if ((i + 1) % 50 === 0) log(`  ${i + 1} done`);
    }
    if (missed.sse + missed.push + missed.mcp > 0)
      throw new Error(
        `entries never arrived within ${WAIT_MS / 1000} s: ${JSON.stringify(missed)}`,
      );

    log(`fan-out: ${SUBSCRIBERS} subscribers on the one hub process…`);
    const perSubscriber: Arrivals[] = [];
    const after = kit.sync.set.seq;
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const arrivals = new Arrivals();
      perSubscriber.push(arrivals);
      subscribers.push(subscribe(hub.url, mcpSource.api_key, after, arrivals));
      if (i % 100 === 99) await Promise.all(subscribers.slice(-100).map((s) => s.connected));
    }
    await Promise.all(subscribers.map((s) => s.connected));
    const fanSamples: number[] = [];
    const lastMs: number[] = [];
    for (const ref of refs.slice(REVOCATIONS)) {
      await new Promise((r) => setTimeout(r, 1000));
      const t0 = performance.now();
      await api('POST', `/api/v1/tokens/${byRef.get(ref.jti)!.id}/revoke`, { reason: 'fan-out' });
      const got = await Promise.all(perSubscriber.map((a) => a.wait(ref.jti, WAIT_MS)));
      if (got.some((t) => t === null)) throw new Error('a subscriber never got the fan-out entry');
      const times = got.map((t) => t! - t0);
      fanSamples.push(...times);
      lastMs.push(Math.max(...times));
    }
    return {
      machine: describeMachine(hub.label, loadAtStart),
      revocations: REVOCATIONS,
      subscribers: SUBSCRIBERS,
      fanOutEntries: FAN_OUT_ENTRIES,
      probeEveryMs: PROBE_EVERY_MS,
      rows: [
        latency('the revoke API call answered', samples.api),
        latency('SSE subscriber has the entry', samples.sse, missed.sse),
        latency('push webhook received it', samples.push, missed.push),
        latency('MCP server (kit) refuses the token', samples.mcp, missed.mcp),
      ],
      fanOut: latency(`each of ${SUBSCRIBERS} SSE subscribers has it`, fanSamples),
      fanOutLastMs: lastMs,
      breakdown: {
        baselineGetMs: median(await baselineGets(api, kit.sync.set.seq)),
        sseBeforeAnswerMs: median(deltas.sseBeforeAnswer),
        pushAfterSseMs: median(deltas.pushAfterSse),
        mcpAfterSseMs: median(deltas.mcpAfterSse),
      },
    };
  } finally {
    subscriber.close();
    for (const s of subscribers) s.close();
    await mcp.close();
    await kit.close();
    await push.close();
  }
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  ensureBuild(log);
  const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!/^postgres(ql)?:\/\//.test(serverUrl)) throw new Error('DATABASE_URL must be postgres://…');
  log('starting a hub (production build) on a new database…');
  const hub = await startBenchHub(serverUrl, await freePort());
  let report: RevocationBenchReport;
  try {
    report = await run(hub, loadAtStart);
  } finally {
    await hub.stop();
  }
  console.log(formatRevocationReport(report));
  const file = saveReport('revocation', report);
  console.log(`\n(JSON also in ${file})`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const cause =
      err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
    console.error(
      `The benchmark broke: ${err instanceof Error ? err.message : String(err)}${cause}`,
    );
    process.exit(1);
  },
);
