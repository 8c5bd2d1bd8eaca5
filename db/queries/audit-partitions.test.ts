import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import {
  ensureAuditPartitions,
  listAuditPartitions,
  orgPartitionName,
  partitionName,
} from './audit-partitions';

const database = setupTestDatabase();

/** Inserts one row recorded at `recordedAt` and returns the partition PostgreSQL put it in. */
async function insertAndLocate(orgId: string, recordedAt: Date): Promise<string> {
  const { db } = database();
  const [row] = await db
    .insert(auditEvents)
    .values({ orgId, recordedAt, occurredAt: recordedAt, type: 'test.event', summary: 'probe' })
    .returning({ id: auditEvents.id });
  return locate(row!.id);
}

async function locate(id: number): Promise<string> {
  const rows = rowsOf<{ partition: string }>(
    await database().db.execute(
      sql`select tableoid::regclass::text as partition from audit_events where id = ${id}`,
    ),
  );
  expect(rows).toHaveLength(1);
  return rows[0]!.partition;
}

describe('partitionName', () => {
  it('names the month in UTC with two digits', () => {
    expect(partitionName(new Date(Date.UTC(2026, 10, 1)))).toBe('audit_events_p2026_11');
    expect(partitionName(new Date(Date.UTC(2027, 0, 1)))).toBe('audit_events_p2027_01');
  });
});

// Months far from today, so they cannot collide with partitions created for the current date.
describe('ensureAuditPartitions', () => {
  it('creates monthly partitions across a year boundary, once', async () => {
    const { db } = database();
    const now = new Date('2030-11-15T08:00:00Z');
    const created = await ensureAuditPartitions(db, { now, monthsBack: 1, monthsAhead: 2 });
    expect(created).toEqual([
      'audit_events_p2030_10',
      'audit_events_p2030_11',
      'audit_events_p2030_12',
      'audit_events_p2031_01',
    ]);
    expect(await ensureAuditPartitions(db, { now, monthsBack: 1, monthsAhead: 2 })).toEqual([]);
    const listed = await listAuditPartitions(db);
    expect(listed.filter((n) => n.startsWith('audit_events_p203'))).toEqual(created);
    expect(listed).not.toContain('audit_events_default');
  });

  it('routes rows to the partition of the month they were recorded in', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    await ensureAuditPartitions(db, { now: new Date('2032-03-10T00:00:00Z'), monthsAhead: 1 });
    const march = new Date('2032-03-01T00:00:00.000Z');
    const april = new Date('2032-04-01T00:00:00.000Z');
    expect(await insertAndLocate(org.id, march)).toBe(orgPartitionName(march, org.id));
    expect(await insertAndLocate(org.id, new Date('2032-03-31T23:59:59.999Z'))).toBe(
      orgPartitionName(march, org.id),
    );
    expect(await insertAndLocate(org.id, april)).toBe(orgPartitionName(april, org.id));
  });

  it('keeps a row outside every partition in the default partition', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    const far = new Date('2099-07-04T10:00:00Z');
    expect(await insertAndLocate(org.id, far)).toBe('audit_events_default');
    const rows = await db
      .select({ summary: auditEvents.summary })
      .from(auditEvents)
      .where(sql`${auditEvents.orgId} = ${org.id}`);
    expect(rows).toEqual([{ summary: 'probe' }]);
  });

  it('moves rows out of the default partition when their month gets a partition', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    const recordedAt = new Date('2098-02-14T10:00:00Z');
    const [row] = await db
      .insert(auditEvents)
      .values({ orgId: org.id, recordedAt, occurredAt: recordedAt, type: 'x', summary: 'early' })
      .returning({ id: auditEvents.id });
    expect(await locate(row!.id)).toBe('audit_events_default');

    const created = await ensureAuditPartitions(db, { now: recordedAt, monthsAhead: 0 });
    expect(created).toEqual(['audit_events_p2098_02']);
    expect(await locate(row!.id)).toBe(orgPartitionName(recordedAt, org.id));
    const [moved] = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.id} = ${row!.id}`);
    expect(moved).toMatchObject({ orgId: org.id, recordedAt, summary: 'early' });
  });

  it('gives an org made after its month was created its own table, moving its rows there', async () => {
    const { db } = database();
    const month = new Date('2097-06-01T00:00:00Z');
    await ensureAuditPartitions(db, { now: month, monthsAhead: 0 });
    const late = await createTestOrg(db);
    expect(await insertAndLocate(late.id, new Date('2097-06-03T00:00:00Z'))).toBe(
      'audit_events_p2097_06_default',
    );
    expect(await ensureAuditPartitions(db, { now: month, monthsAhead: 0 })).toEqual([]);
    const [row] = rowsOf<{ partition: string; n: number }>(
      await db.execute(sql`select tableoid::regclass::text as partition, count(*)::int as n
        from audit_events where org_id = ${late.id} group by 1`),
    );
    expect(row).toEqual({ partition: orgPartitionName(month, late.id), n: 1 });
  });
});
