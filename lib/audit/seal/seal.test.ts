import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { insertAuditEvent } from '../record';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { generatedSigningKey, registerSigningKey, type SigningKey } from './keys';
import { sealPass } from './sealer';
import { verifyOrgTrail } from './verify';

const database = setupTestDatabase();
let key: SigningKey;

beforeEach(async () => {
  key = await generatedSigningKey();
  await registerSigningKey(database().db, key);
});

/** An org with `count` events, sealed in passes of `perPass`. */
async function sealedOrg(
  count: number,
  perPass = count,
): Promise<{ orgId: string; ids: number[] }> {
  const { db } = database();
  const org = await createTestOrg(db);
  for (let i = 0; i < count; i++) {
    await insertAuditEvent(db, org.id, {
      type: 'tool.invoked',
      summary: `event ${i}`,
      clientId: `agent-${i % 3}`,
      data: { n: i, nested: { b: [1, 'two'], a: null } },
    });
    if ((i + 1) % perPass === 0) expect(await sealPass(db, key)).not.toBeNull();
  }
  await sealPass(db, key);
  const ids = await eventIds(org.id);
  return { orgId: org.id, ids };
}

async function eventIds(orgId: string): Promise<number[]> {
  const rows = await database().db.execute(
    sql`select id::int as id from audit_events where org_id = ${orgId} order by id`,
  );
  return (Array.isArray(rows) ? rows : (rows as { rows: { id: number }[] }).rows).map(
    (r: { id: number }) => r.id,
  );
}

const exec = (q: ReturnType<typeof sql>) => database().db.execute(q);

describe('sealing', () => {
  it('seals every event into signed, chained checkpoints that verify', async () => {
    const { orgId, ids } = await sealedOrg(25, 10);
    const report = await verifyOrgTrail(database().db, orgId);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, events: 25, checkpoints: 3, unsealedEvents: 0 });
    expect(ids).toHaveLength(25);
  });

  it('numbers checkpoints past 9 and 10 in order (numbers, not text)', async () => {
    const { orgId } = await sealedOrg(24, 2);
    const report = await verifyOrgTrail(database().db, orgId);
    expect(report).toMatchObject({ ok: true, checkpoints: 12, headSeq: 12, events: 24 });
  });

  it('seals each event once when passes race (several hub processes)', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    const writes = Array.from({ length: 40 }, (_, i) =>
      insertAuditEvent(db, org.id, { type: 'tool.invoked', summary: `racing ${i}` }),
    );
    const passes = Array.from({ length: 6 }, () => sealPass(db, key));
    await Promise.all([...writes, ...passes]);
    while ((await sealPass(db, key))?.events) {
      /* until caught up */
    }
    const report = await verifyOrgTrail(db, org.id);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, events: 40, unsealedEvents: 0 });
  });

  it('leaves events recorded after the pass unsealed, not wrong', async () => {
    const { orgId } = await sealedOrg(5);
    await insertAuditEvent(database().db, orgId, { type: 'tool.invoked', summary: 'late' });
    const report = await verifyOrgTrail(database().db, orgId);
    expect(report).toMatchObject({ ok: true, events: 5, unsealedEvents: 1 });
  });

  it('keeps orgs apart: one org’s tampering does not touch another’s verdict', async () => {
    const a = await sealedOrg(4);
    const b = await sealedOrg(4);
    await exec(sql`update audit_events set summary = 'forged' where id = ${a.ids[1]}`);
    expect((await verifyOrgTrail(database().db, a.orgId)).ok).toBe(false);
    expect((await verifyOrgTrail(database().db, b.orgId)).ok).toBe(true);
  });
});

describe('tampering in the database is detected', () => {
  const cases: [string, (ids: number[], orgId: string) => ReturnType<typeof sql>, string][] = [
    [
      'a changed field',
      (ids) => sql`update audit_events set summary = 'nothing happened' where id = ${ids[3]}`,
      'changed',
    ],
    [
      'changed raw data',
      (ids) => sql`update audit_events set data = '{"n": 999}' where id = ${ids[7]}`,
      'changed',
    ],
    [
      'a time moved by a microsecond',
      (ids) =>
        sql`update audit_events set occurred_at = occurred_at + interval '1 microsecond' where id = ${ids[2]}`,
      'changed',
    ],
    ['a deleted row', (ids) => sql`delete from audit_events where id = ${ids[5]}`, 'deleted'],
    [
      'an inserted row inside a sealed range',
      // The key is (id, recorded_at, org_id): a forger can reuse a sealed id at another time.
      (ids, orgId) => sql`insert into audit_events (id, org_id, occurred_at, type, summary)
        values (${ids[4]}, ${orgId}, now(), 'test.event', 'forged') `,
      'inserted',
    ],
    [
      'two rows swapped (reordered)',
      (ids) => sql`update audit_events set summary = case id when ${ids[1]} then 'event 2'
        else 'event 1' end, data = case id when ${ids[1]} then '{"n":2,"nested":{"b":[1,"two"],"a":null}}'::jsonb
        else '{"n":1,"nested":{"b":[1,"two"],"a":null}}'::jsonb end, client_id = case id when ${ids[1]} then 'agent-2' else 'agent-1' end
        where id in (${ids[1]}, ${ids[2]})`,
      'changed',
    ],
    [
      'a row moved to another org',
      (ids) => sql`update audit_events set org_id = gen_random_uuid() where id = ${ids[6]}`,
      'deleted',
    ],
    [
      'a checkpoint deleted',
      (_ids, orgId) => sql`delete from audit_checkpoints where org_id = ${orgId} and seq = 2`,
      'chain',
    ],
    [
      'a checkpoint re-counted',
      (_ids, orgId) =>
        sql`update audit_checkpoints set event_count = event_count - 1 where org_id = ${orgId} and seq = 1`,
      'checkpoint',
    ],
    [
      'an event renumbered (its id as the API shows it)',
      (ids) => sql`update audit_events set number = number + 1000 where id = ${ids[8]}`,
      'changed',
    ],
    [
      'a checkpoint’s range of internal ids moved (signed in no format since version 2)',
      (_ids, orgId) => sql`update audit_checkpoints set
        to_event_id = case seq when 1 then to_event_id - 3 else to_event_id end,
        from_event_id = case seq when 2 then from_event_id - 3 else from_event_id end
        where org_id = ${orgId} and seq in (1, 2)`,
      'deleted',
    ],
    [
      'the newest checkpoint deleted',
      (_ids, orgId) => sql`delete from audit_checkpoints where org_id = ${orgId} and seq = 3`,
      'inserted',
    ],
  ];

  it.each(cases)('%s', async (_name, tamper, kind) => {
    const { orgId, ids } = await sealedOrg(25, 10);
    await sealedOrg(1); // another org sealed later, as in any busy hub
    expect((await verifyOrgTrail(database().db, orgId)).ok).toBe(true);
    await exec(tamper(ids, orgId));
    const report = await verifyOrgTrail(database().db, orgId);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toContain(kind);
  });

  it('a re-signed checkpoint by a key the hub never published fails its signature', async () => {
    const { orgId } = await sealedOrg(10);
    const stranger = await generatedSigningKey();
    await exec(
      sql`update audit_checkpoints set key_id = ${stranger.keyId} where org_id = ${orgId}`,
    );
    const report = await verifyOrgTrail(database().db, orgId);
    expect(report.problems.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['signature', 'checkpoint']),
    );
  });

  it('a chain cut back at its end is caught against the head verified before', async () => {
    const { orgId } = await sealedOrg(20, 10);
    const before = await verifyOrgTrail(database().db, orgId);
    await exec(
      sql`delete from audit_checkpoints where org_id = ${orgId} and seq = ${before.headSeq}`,
    );
    await exec(sql`delete from audit_events where org_id = ${orgId} and id > (
      select max(to_event_id) from audit_checkpoints where org_id = ${orgId})`);
    const report = await verifyOrgTrail(database().db, orgId, {
      previousHead: { seq: before.headSeq!, hash: before.headHash! },
    });
    expect(report.problems.map((p) => p.kind)).toContain('rolled_back');
  });
});

describe('checkpoints of the first format (version 1, before per-org numbers)', () => {
  it('still verify, beside version 2 ones in the same chain', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    for (let i = 0; i < 6; i++) {
      await insertAuditEvent(db, org.id, { type: 'tool.invoked', summary: `old ${i}` });
      if (i === 2) expect(await sealPass(db, key, { version: 1 })).not.toBeNull();
    }
    await sealPass(db, key);
    const versions = await exec(
      sql`select version from audit_checkpoints where org_id = ${org.id} order by seq`,
    );
    expect(JSON.stringify(versions)).toMatch(/1.*2/);
    const report = await verifyOrgTrail(db, org.id);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, events: 6, checkpoints: 2 });
  });

  it('still catch a changed event', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    for (let i = 0; i < 3; i++)
      await insertAuditEvent(db, org.id, { type: 'tool.invoked', summary: `old ${i}` });
    await sealPass(db, key, { version: 1 });
    await exec(sql`update audit_events set summary = 'forged' where org_id = ${org.id}
      and number = 2`);
    const report = await verifyOrgTrail(db, org.id);
    expect(report.problems.map((p) => p.kind)).toContain('changed');
  });
});
