import { expect, test } from '@playwright/test';
import { adminClient, hostilePort, hubEnv, startServingHub } from './support/hostile/hub';
import { signIn, type SignInOutcome } from './support/hostile/sign-in';
import { freshDatabaseEnv } from './support/fresh-database';
import { seedConsoleUser } from './support/seed-console-user';
import { postSignedEvents } from './support/signed-events';

type Source = { id: string; signing_secret: string };

// Once per run, in the PostgreSQL pass (@once-per-run-pg; see .ci/run): the rate-limit buckets and
// sign-in throttles are counted by the same SQL on either database, and only PostgreSQL runs
// statements of concurrent requests side by side (PGlite takes one at a time), so that is the
// pass where a lost count would show.

/** The default of db/schema/sources.ts (events a minute per source) and lib/auth's sign-in rules. */
const SOURCE_RATE = 6000;
const PER_PAIR = 5;
const PER_ADDRESS = 30;

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

test(
  'a flooding source gets 429 with Retry-After while another source keeps being accepted',
  { tag: '@once-per-run-pg' },
  async () => {
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
  },
);

test(
  'a sign-in flood locks only the flooding address, never the owner at their own',
  { tag: '@once-per-run-pg' },
  async () => {
    test.setTimeout(300_000);
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
    const tally = (outcomes: SignInOutcome[]) =>
      outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});
    const guesses = async (n: number, guess: (i: number) => Promise<SignInOutcome>) => {
      const outcomes: SignInOutcome[] = [];
      for (let i = 0; i < n; i++) outcomes.push(await guess(i));
      return outcomes;
    };

    // Without HUB_TRUSTED_PROXIES the socket's address counts (127.0.0.x), whatever a client claims.
    let hub = await startServingHub(env, port);
    try {
      const attempt = (ip: string, who: { email: string }, password: string, xff?: string) =>
        signIn(hub.url, ip, who.email, password, xff);

      // One account flooded from one address: that pair locks; the owner elsewhere gets in.
      const pairFlood = await guesses(PER_PAIR * 3, (i) =>
        attempt('127.0.0.2', victim, `guess ${i}`),
      );
      const victimFromFlooder = await attempt('127.0.0.2', victim, victim.password);
      const victimFromHome = await attempt('127.0.0.3', victim, victim.password);
      const otherFromFlooder = await attempt('127.0.0.2', other, other.password);

      // A forger rotating X-Forwarded-For is still one address: its guesses lock it all the same.
      const forged = await guesses(PER_PAIR + 3, (i) =>
        attempt('127.0.0.6', other, `guess ${i}`, `203.0.113.${i + 1}`),
      );
      const otherFromForger = await attempt('127.0.0.6', other, other.password, '198.51.100.77');
      const otherFromHome = await attempt('127.0.0.7', other, other.password);

      // One address guessing across many emails, past the per-address rule.
      const addressFlood = await guesses(PER_ADDRESS + 3, (i) =>
        attempt('127.0.0.4', { email: `nobody${i}@flood.test` }, 'guess'),
      );
      const otherFromFloodingAddress = await attempt('127.0.0.4', other, other.password);
      const otherFromElsewhere = await attempt('127.0.0.5', other, other.password);

      console.log(
        [
          `[flood] sign-in locks: ${PER_PAIR} failures per account and address, ${PER_ADDRESS} per address; no account-wide lock`,
          `  ${pairFlood.length} guesses at one account from one address: ${JSON.stringify(tally(pairFlood))}; its right password from there → ${victimFromFlooder}, from the owner's address → ${victimFromHome}; another account from the flooding address → ${otherFromFlooder}`,
          `  ${forged.length} guesses with a forged X-Forwarded-For each: ${JSON.stringify(tally(forged))}; the right password from the forger → ${otherFromForger}, from the owner's address → ${otherFromHome}`,
          `  ${addressFlood.length} guesses from one address over ${addressFlood.length} emails: ${JSON.stringify(tally(addressFlood))}; a real account from that address → ${otherFromFloodingAddress}, from another → ${otherFromElsewhere}`,
        ].join('\n'),
      );
      expect(pairFlood.slice(0, PER_PAIR)).toEqual(Array(PER_PAIR).fill('invalid'));
      expect(pairFlood.slice(PER_PAIR)).toEqual(Array(PER_PAIR * 2).fill('rate_limited'));
      expect(victimFromFlooder, 'the pair is locked, even for the right password').toBe(
        'rate_limited',
      );
      expect(victimFromHome, 'the owner still signs in from their own address').toBe('signed_in');
      expect(otherFromFlooder, 'the address is not locked for other accounts').toBe('signed_in');
      expect(forged.slice(0, PER_PAIR)).toEqual(Array(PER_PAIR).fill('invalid'));
      expect(forged.slice(PER_PAIR), 'a forged X-Forwarded-For is ignored').toEqual(
        Array(3).fill('rate_limited'),
      );
      expect(otherFromForger).toBe('rate_limited');
      expect(otherFromHome).toBe('signed_in');
      expect(addressFlood.slice(0, PER_ADDRESS)).toEqual(Array(PER_ADDRESS).fill('invalid'));
      expect(addressFlood.slice(PER_ADDRESS)).toEqual(Array(3).fill('rate_limited'));
      expect(otherFromFloodingAddress, 'the flooding address is locked').toBe('rate_limited');
      expect(otherFromElsewhere, 'other addresses are not').toBe('signed_in');
    } finally {
      await hub.stop();
    }

    // Behind a trusted proxy (the test speaks from 127.0.0.1 as one), X-Forwarded-For names clients.
    hub = await startServingHub({ ...env, HUB_TRUSTED_PROXIES: '127.0.0.1/32' }, port);
    try {
      const viaProxy = (xff: string, who: { email: string }, password: string) =>
        signIn(hub.url, '127.0.0.1', who.email, password, xff);
      const flood = await guesses(PER_PAIR + 3, (i) =>
        viaProxy('203.0.113.66', victim, `guess ${i}`),
      );
      const ownerDuringFlood = await viaProxy('198.51.100.10', victim, victim.password);
      const attackerRightPassword = await viaProxy('203.0.113.66', victim, victim.password);
      // The attacker claims the owner's address; the proxy appended the one it really came from.
      const spoofedChain = await viaProxy('198.51.100.10, 203.0.113.66', victim, victim.password);
      console.log(
        `  behind a trusted proxy: ${flood.length} guesses from one forwarded address: ${JSON.stringify(tally(flood))}; the owner from another → ${ownerDuringFlood}; the attacker with the right password → ${attackerRightPassword}, claiming the owner's address → ${spoofedChain}`,
      );
      expect(flood.slice(0, PER_PAIR)).toEqual(Array(PER_PAIR).fill('invalid'));
      expect(flood.slice(PER_PAIR)).toEqual(Array(3).fill('rate_limited'));
      expect(ownerDuringFlood, 'the owner signs in during the flood').toBe('signed_in');
      expect(attackerRightPassword).toBe('rate_limited');
      expect(spoofedChain, 'what the client wrote left of the proxy is ignored').toBe(
        'rate_limited',
      );
    } finally {
      await hub.stop();
    }
  },
);
