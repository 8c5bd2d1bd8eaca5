import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { insertAuditEvent } from './record';
import { ensureAuditPartitions, orgPartitionName } from '@/db/queries/audit-partitions';
import { PARTITION_DROPPED } from '@/db/queries/audit-seal';
import { setOrgRetention } from '@/db/queries/orgs';
import { auditEvents } from '@/db/schema';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { applyRetention } from './retention';
import { generatedSigningKey, registerSigningKey } from './seal/keys';
import { sealPass } from './seal/sealer';
import { verifyOrgTrail } from './seal/verify';

const database = setupTestDatabase();
const now = new Date('2061-06-15T12:00:00Z');
const old = new Date('2061-02-01T00:00:00Z'); // ends 1 Mar: 106 days before `now`

async function tableExists(name: string): Promise<boolean> {
  const rows = rowsOf<{ n: number }>(
    await database().db.execute(
      sql`select count(*)::int as n from pg_class where relname = ${name}`,
    ),
  );
  return rows[0]!.n === 1;
}

async function countOf(orgId: string, type?: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await database().db.execute(sql`select count(*)::int as n from audit_events
      where org_id = ${orgId} ${type ? sql`and type = ${type}` : sql``}`),
  );
  return rows[0]!.n;
}

/** Two orgs with events in an old month and this month; the short one keeps 90 days. */
async function twoOrgs() {
  const { db } = database();
  const short = await createTestOrg(db);
  const long = await createTestOrg(db);
  await setOrgRetention(db, short.id, 90);
  await setOrgRetention(db, long.id, 365);
  await ensureAuditPartitions(db, { now: old, monthsAhead: 0 });
  await ensureAuditPartitions(db, { now, monthsAhead: 0 });
  for (const org of [short, long]) {
    for (let day = 1; day <= 5; day++) {
      const recordedAt = new Date(Date.UTC(2061, 1, day * 5));
      await db.insert(auditEvents).values({
        orgId: org.id,
        recordedAt,
        occurredAt: recordedAt,
        type: 'test.old',
        summary: `old ${day}`,
      });
    }
    await insertAuditEvent(db, org.id, { type: 'tool.invoked', summary: 'recent' });
  }
  return { short, long };
}

describe('applyRetention', () => {
  it('drops an org’s expired month as a table, audits it, and the trail still verifies', async () => {
    const { db } = database();
    const key = await generatedSigningKey();
    await registerSigningKey(db, key);
    const { short, long } = await twoOrgs();
    await sealPass(db, key);
    const before = await verifyOrgTrail(db, short.id);

    const { dropped, skipped } = await applyRetention(db, { now });
    expect(skipped).toEqual([]);
    expect(dropped).toEqual([
      { orgId: short.id, table: orgPartitionName(old, short.id), periodStart: old, events: 5 },
    ]);
    expect(await tableExists(orgPartitionName(old, short.id))).toBe(false);
    expect(await tableExists(orgPartitionName(old, long.id))).toBe(true);
    expect(await countOf(short.id, 'test.old')).toBe(0);
    expect(await countOf(long.id, 'test.old')).toBe(5);
    expect(await countOf(short.id, 'tool.invoked')).toBe(1);
    const [record] = rowsOf<{ summary: string; data: { events: number } }>(
      await db.execute(sql`select summary, data from audit_events
        where org_id = ${short.id} and type = ${PARTITION_DROPPED}`),
    );
    expect(record!.summary).toBe(
      'Retention dropped the 5 audit events of February 2061, older than 90 days',
    );

    // The drop record gets sealed; every checkpoint still proves what remains.
    await sealPass(db, key);
    const report = await verifyOrgTrail(db, short.id);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, droppedEvents: 5, events: 2 });
    // An incremental run from the head verified before the drop counts the same.
    const incremental = await verifyOrgTrail(db, short.id, {
      from: { seq: before.headSeq!, hash: before.headHash! },
    });
    expect(incremental.problems).toEqual([]);
    expect(incremental).toMatchObject({
      ok: true,
      kind: 'incremental',
      droppedEvents: 5,
      events: 2,
      checkedEvents: 1,
    });
    expect((await verifyOrgTrail(db, long.id)).ok).toBe(true);

    // Run again: nothing left to drop.
    expect((await applyRetention(db, { now })).dropped).toEqual([]);
  });

  it('waits for a month to be sealed before dropping it', async () => {
    const { db } = database();
    const { short } = await twoOrgs();
    const { dropped, skipped } = await applyRetention(db, { now });
    expect(dropped).toEqual([]);
    expect(skipped).toContainEqual({
      orgId: short.id,
      table: orgPartitionName(old, short.id),
      reason: 'not sealed yet',
    });
    expect(await countOf(short.id, 'test.old')).toBe(5);
  });

  it('a month dropped by hand, not by retention, is caught as deleted', async () => {
    const { db } = database();
    const key = await generatedSigningKey();
    await registerSigningKey(db, key);
    const { long } = await twoOrgs();
    await sealPass(db, key);
    await db.execute(sql.raw(`DROP TABLE "${orgPartitionName(old, long.id)}"`));
    const report = await verifyOrgTrail(db, long.id);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toContain('deleted');
  });
});
