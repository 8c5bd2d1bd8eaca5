import { expect, test } from '@playwright/test';
import { adminClient, hostilePort, hubEnv, startServingHub } from './support/hostile/hub';
import { signIn, type SignInOutcome } from './support/hostile/sign-in';
import { freshDatabaseEnv } from './support/fresh-database';
import { seedConsoleUser } from './support/seed-console-user';
import { postSignedEvents } from './support/signed-events';

type Source = { id: string; signing_secret: string };

/** The default of db/schema/sources.ts (events a minute per source) and lib/auth's sign-in rules. */
const SOURCE_RATE = 6000;
const PER_EMAIL = 10;
const PER_IP = 60;

async function post(url: string, source: Source, events: object[]) {
  const res = await postSignedEvents(
    `${url}/api/v1/sources/${source.id}/events`,
    source.signing_secret,
    events,
  );
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    type: res.headers.get('content-type'),
    body: await res.text(),
  };
}

// Unknown types are accepted as they are (the spec's forward compatibility): a cheap, valid flood.
const events = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    specversion: '1.0',
    id: `${prefix}-${i}`,
    source: 'https://as.flood.example',
    type: 'flood.ping',
    time: new Date().toISOString(),
    data: { i },
  }));

test('a flooding source gets 429 with Retry-After while another source keeps being accepted', async () => {
  test.setTimeout(180_000);
  const { adminToken, env } = hubEnv(await freshDatabaseEnv('flood'));
  const hub = await startServingHub(env, hostilePort(30));
  try {
    const api = adminClient(hub.url, adminToken);
    const create = (name: string) =>
      api<Source>(
        'POST',
        '/api/v1/sources',
        { name, kind: 'authorization_server', issuer: 'https://as.flood.example' },
        201,
      );
    const [flooder, neighbour] = [await create('Flooder'), await create('Neighbour')];

    // Each round the flooder sends two batches of 1000 and the neighbour one batch of 10, at once.
    const flood = [];
    const neighbourStatuses: number[] = [];
    for (let round = 0; round < 5; round++) {
      const [a, b, n] = await Promise.all([
        post(hub.url, flooder, events(`fl-${round}-a`, 1000)),
        post(hub.url, flooder, events(`fl-${round}-b`, 1000)),
        post(hub.url, neighbour, events(`nb-${round}`, 10)),
      ]);
      flood.push(a, b);
      neighbourStatuses.push(n.status);
    }
    const afterFlood = await post(hub.url, flooder, events('fl-small', 1));
    for (let n = 5; n < 8; n++)
      neighbourStatuses.push((await post(hub.url, neighbour, events(`nb-${n}`, 10))).status);

    const accepted = flood.filter((r) => r.status === 202);
    const limited = flood.filter((r) => r.status === 429);
    console.log(
      [
        `[flood] source rate ${SOURCE_RATE} events/min`,
        `  flooder: ${flood.length} batches of 1000 → ${accepted.length}×202 (${accepted.length * 1000} events), ${limited.length}×429, Retry-After ${limited.map((r) => r.retryAfter).join(',')}; then a 1-event batch → ${afterFlood.status}`,
        `  neighbour meanwhile: ${neighbourStatuses.length} batches of 10 → ${neighbourStatuses.filter((s) => s === 202).length}×202`,
      ].join('\n'),
    );
    expect(accepted.length * 1000).toBeLessThanOrEqual(SOURCE_RATE);
    expect(accepted.length + limited.length).toBe(flood.length);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) {
      expect(r.type).toBe('application/problem+json');
      expect(JSON.parse(r.body)).toMatchObject({ status: 429 });
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(r.retryAfter)).toBeLessThanOrEqual(60);
    }
    expect(afterFlood.status, 'the flooder stays limited for the window').toBe(429);
    expect(neighbourStatuses, 'the neighbour is accepted throughout').toEqual(Array(8).fill(202));
  } finally {
    await hub.stop();
  }
});

test('a sign-in flood locks the targeted account and the flooding address, and no one else', async () => {
  test.setTimeout(240_000);
  const database = await freshDatabaseEnv('signin-flood');
  const { env } = hubEnv(database);
  const port = hostilePort(31);
  const victim = { email: 'victim@flood.test', password: 'the victim has a long passphrase' };
  const other = { email: 'other@flood.test', password: 'someone else entirely, also long' };
  // Two accounts with known passwords: the first start makes the owner, the other is added while
  // the hub is stopped.
  await (
    await startServingHub(
      { ...env, HUB_ADMIN_EMAIL: victim.email, HUB_ADMIN_PASSWORD: victim.password },
      port,
    )
  ).stop();
  seedConsoleUser(env, other);
  const hub = await startServingHub(env, port);
  try {
    const attempt = (ip: string, who: { email: string }, password: string) =>
      signIn(hub.url, ip, who.email, password);
    const tally = (outcomes: SignInOutcome[]) =>
      outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});

    // One identity: wrong passwords from one address, then the right one from anywhere.
    const emailFlood: SignInOutcome[] = [];
    for (let i = 0; i < PER_EMAIL + 5; i++)
      emailFlood.push(await attempt('127.0.0.2', victim, `guess ${i}`));
    const victimRightPassword = await attempt('127.0.0.3', victim, victim.password);
    const otherSameAddress = await attempt('127.0.0.2', other, other.password);

    // One address: guesses over many emails, past the per-address rule.
    const ipFlood: SignInOutcome[] = [];
    for (let i = 0; i < PER_IP + 3; i++)
      ipFlood.push(await attempt('127.0.0.4', { email: `nobody${i}@flood.test` }, 'guess'));
    const otherFromFloodingAddress = await attempt('127.0.0.4', other, other.password);
    const otherFromElsewhere = await attempt('127.0.0.5', other, other.password);

    console.log(
      [
        `[flood] sign-in rules: ${PER_EMAIL} attempts per email, ${PER_IP} per address, per 15 minutes`,
        `  ${emailFlood.length} guesses at one account: ${JSON.stringify(tally(emailFlood))}; its right password from another address → ${victimRightPassword}; another account from the flooding address → ${otherSameAddress}`,
        `  ${ipFlood.length} guesses from one address over ${ipFlood.length} emails: ${JSON.stringify(tally(ipFlood))}; a real account from that address → ${otherFromFloodingAddress}, from another → ${otherFromElsewhere}`,
      ].join('\n'),
    );
    expect(emailFlood.slice(0, PER_EMAIL).every((o) => o === 'invalid')).toBe(true);
    expect(emailFlood.slice(PER_EMAIL).every((o) => o === 'rate_limited')).toBe(true);
    expect(victimRightPassword, 'the account is locked, even for its right password').toBe(
      'rate_limited',
    );
    expect(otherSameAddress, 'another account is not locked out').toBe('signed_in');
    expect(ipFlood.slice(0, PER_IP).every((o) => o === 'invalid')).toBe(true);
    expect(ipFlood.slice(PER_IP).every((o) => o === 'rate_limited')).toBe(true);
    expect(otherFromFloodingAddress, 'the flooding address is locked').toBe('rate_limited');
    expect(otherFromElsewhere, 'other addresses are not').toBe('signed_in');
  } finally {
    await hub.stop();
  }
});
