import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runFaultScenario, type FaultOutcome } from './support/hostile/fault-scenario';
import { hostilePort, hubEnv, startServingHub } from './support/hostile/hub';
import { canRunPrivatePostgres, startPrivatePostgres } from './support/hostile/private-postgres';
import { freshDatabaseEnv } from './support/fresh-database';

/** The scenario's revocation receiver listens on loopback. */
const pushesToLoopback = { HUB_ALLOW_PRIVATE_TARGETS: '1' };

function report(label: string, outcome: FaultOutcome) {
  const { figures, stored, pushes } = outcome;
  console.log(
    [
      `[faults] ${label}`,
      `  sent ${figures.events} events in ${figures.batches} batches; ${figures.retries} retried attempts; answers ${JSON.stringify(figures.statuses)}`,
      `  stored: ${stored.ingested} ingested, ${stored.auditRows} audit rows (${stored.auditDistinct} distinct), ${stored.entries} revocation entries`,
      `  pushed: ${pushes.received} deliveries of ${pushes.distinctEntries} entries; entries under two webhook-ids: ${pushes.entriesWithTwoIds.length}`,
    ].join('\n'),
  );
}

/** What every fault must leave: each event once, each entry pushed, none under two identities. */
function expectNothingLostOrDoubled(outcome: FaultOutcome) {
  const { figures, stored, pushes } = outcome;
  expect(figures.retries, 'the fault was felt by the senders').toBeGreaterThan(0);
  expect(stored.ingested, 'every event sent is stored').toBe(figures.events);
  expect(stored.auditRows, 'each once in the audit trail').toBe(figures.events);
  expect(stored.auditDistinct).toBe(figures.events);
  expect(stored.entries, 'one revocation entry per batch').toBe(figures.batches);
  expect(pushes.distinctEntries, 'every entry reached the server').toBe(stored.entries);
  expect(pushes.entriesWithTwoIds, 'no entry pushed as two different messages').toEqual([]);
}

// Its PostgreSQL is a private server of its own, whichever database the run is on: once a run.
test(
  'a PostgreSQL restart under load: the hub reconnects by itself, and nothing is lost or doubled',
  { tag: '@once-per-run-pg' },
  async () => {
    expect(
      canRunPrivatePostgres(),
      'PostgreSQL binaries (initdb, pg_ctl in /usr/lib/postgresql/*/bin) and a postgres user',
    ).toBe(true);
    // a private server's initdb and start, the hub's, the load, the restart and the pushes: about
    // half a minute on a quiet machine, minutes beside a whole npm test
    test.setTimeout(360_000);
    const pg = startPrivatePostgres(hostilePort(20));
    try {
      const databaseUrl = await pg.createDatabase('hub_faults');
      const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-faults-pg-'));
      const { adminToken, env } = hubEnv({
        DATABASE_URL: databaseUrl,
        HUB_DATA_DIR: dataDir,
        ...pushesToLoopback,
      });
      const outcome = await runFaultScenario(env, adminToken, hostilePort(21), async () => {
        await pg.restart();
      });
      report('PostgreSQL restarted (pg_ctl restart -m fast) mid-run', outcome);
      expect(outcome.hubRestarted).toBe(false);
      expect(outcome.samePid, 'the same hub process served throughout').toBe(true);
      expect(outcome.healthAfter).toBe(200);
      expectNothingLostOrDoubled(outcome);
    } finally {
      pg.stop();
    }
  },
);

test(`the hub killed (SIGKILL) and started again under load, on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}: nothing is lost or doubled`, async () => {
  test.setTimeout(240_000);
  const { adminToken, env } = hubEnv({
    ...(await freshDatabaseEnv('faults')),
    ...pushesToLoopback,
  });
  const port = hostilePort(22);
  const outcome = await runFaultScenario(env, adminToken, port, async (hub) => {
    hub.kill('SIGKILL');
    await hub.exited;
    return startServingHub(env, port);
  });
  report(
    `hub SIGKILLed and restarted mid-run (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
    outcome,
  );
  expect(outcome.hubRestarted).toBe(true);
  expect(outcome.healthAfter).toBe(200);
  expectNothingLostOrDoubled(outcome);
});
