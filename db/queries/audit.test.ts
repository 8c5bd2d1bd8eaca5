import { describe, expect, it } from 'vitest';
import type { AuditEventType } from '@/lib/audit/catalogue';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { insertAuditEvent } from '@/lib/audit/record';
import { listAuditEvents } from './audit';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';

const database = setupTestDatabase();
const base = Date.parse('2026-06-01T12:00:00.000Z');
const at = (seconds: number) => new Date(base + seconds * 1000);

function event(
  summary: string,
  occurredAt: Date,
  extra: { type?: AuditEventType; actorId?: string } = {},
) {
  return {
    type: extra.type ?? 'agent.verified',
    actorType: 'admin' as const,
    actorId: extra.actorId ?? 'admin-1',
    summary,
    occurredAt,
  };
}

describe('listAuditEvents', () => {
  it('lists newest first by occurrence, not by insertion', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    await insertAuditEvent(db, org.id, event('middle', at(10)));
    await insertAuditEvent(db, org.id, event('newest', at(20)));
    await insertAuditEvent(db, org.id, event('oldest', at(0)));
    const { items, nextCursor } = await listAuditEvents(db, org.id, { limit: 10 });
    expect(items.map((e) => e.summary)).toEqual(['newest', 'middle', 'oldest']);
    expect(items[0]?.occurredAt).toEqual(at(20));
    expect(nextCursor).toBeNull();
  });

  it('pages 25 rows by 10 without duplicates or gaps, ties broken by id', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    // Groups of three share a timestamp, so pages must split inside a tie.
    for (let i = 0; i < 25; i++) {
      await insertAuditEvent(db, org.id, event(`e${i}`, at(Math.floor(i / 3))));
    }
    const pages: string[][] = [];
    const seen: { occurredAt: Date; id: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(db, org.id, {
        limit: 10,
        cursor: cursor === null ? null : decodeAuditCursor(cursor),
      });
      pages.push(page.items.map((e) => e.summary));
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 5);

    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const summaries = pages.flat();
    expect(new Set(summaries).size).toBe(25);
    expect(new Set(seen.map((e) => e.id)).size).toBe(25);
    for (let i = 1; i < seen.length; i++) {
      const prev = seen[i - 1]!;
      const cur = seen[i]!;
      const ordered =
        prev.occurredAt > cur.occurredAt ||
        (prev.occurredAt.getTime() === cur.occurredAt.getTime() && prev.id > cur.id);
      expect(ordered).toBe(true);
    }
  });

  it('gives no next cursor when the last page is exactly full', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    for (let i = 0; i < 4; i++) await insertAuditEvent(db, org.id, event(`e${i}`, at(i)));
    const first = await listAuditEvents(db, org.id, { limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditEvents(db, org.id, {
      limit: 2,
      cursor: decodeAuditCursor(first.nextCursor!),
    });
    expect(second.items.map((e) => e.summary)).toEqual(['e1', 'e0']);
    expect(second.nextCursor).toBeNull();
  });

  it("never shows one org another org's events", async () => {
    const { db } = database();
    const [orgA, orgB] = [await createTestOrg(db), await createTestOrg(db)];
    await insertAuditEvent(db, orgA.id, event('secret of A', at(0)));
    await insertAuditEvent(db, orgB.id, event('event of B', at(1)));
    const a = await listAuditEvents(db, orgA.id, { limit: 50 });
    const b = await listAuditEvents(db, orgB.id, { limit: 50 });
    expect(a.items.map((e) => e.summary)).toEqual(['secret of A']);
    expect(b.items.map((e) => e.summary)).toEqual(['event of B']);
    // A cursor taken from org A's list does not open org A's rows to org B.
    const cursor = { occurredAt: at(60).toISOString(), id: Number.MAX_SAFE_INTEGER };
    const viaCursor = await listAuditEvents(db, orgB.id, { limit: 50, cursor });
    expect(viaCursor.items.map((e) => e.summary)).toEqual(['event of B']);
  });

  it('filters by type and actor', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    await insertAuditEvent(
      db,
      org.id,
      event('v1', at(0), { type: 'agent.verified', actorId: 'x' }),
    );
    await insertAuditEvent(
      db,
      org.id,
      event('s1', at(1), { type: 'agent.suspended', actorId: 'x' }),
    );
    await insertAuditEvent(
      db,
      org.id,
      event('v2', at(2), { type: 'agent.verified', actorId: 'y' }),
    );
    const byType = await listAuditEvents(db, org.id, {
      limit: 10,
      filter: { type: 'agent.verified' },
    });
    expect(byType.items.map((e) => e.summary)).toEqual(['v2', 'v1']);
    const byActor = await listAuditEvents(db, org.id, { limit: 10, filter: { actorId: 'x' } });
    expect(byActor.items.map((e) => e.summary)).toEqual(['s1', 'v1']);
  });
});

describe('audit cursors', () => {
  it('round-trip', () => {
    const cursor = { occurredAt: '2026-06-01T12:00:00.000Z', id: 42 };
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
  });

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['not base64 JSON', 'not-a-cursor!'],
    ['empty', ''],
    ['an object', encode({ occurredAt: '2026-01-01T00:00:00Z', id: 1 })],
    ['a bad date', encode(['yesterday', 1])],
    ['a string id', encode(['2026-01-01T00:00:00Z', '1'])],
    ['a fractional id', encode(['2026-01-01T00:00:00Z', 1.5])],
    ['an unsafe id', encode(['2026-01-01T00:00:00Z', 2 ** 60])],
    ['null', encode(null)],
  ])('reject %s', (_label, cursor) => {
    expect(decodeAuditCursor(cursor)).toBeNull();
  });
});
