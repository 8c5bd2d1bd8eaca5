import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, setDatabase } from '@/db/client';
import { checkpointAt, latestVerification } from '@/db/queries/audit-seal';
import { insertAuditEvent } from '../record';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { NOW } from '@/lib/testing/clock';
import { createTestActor, createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import * as verification from '@/app/api/v1/audit/verification/route';
import { checkpointJsonOf, checkpointPayload, payloadHash } from './checkpoint';
import { generatedSigningKey, registerSigningKey, signPayload, type SigningKey } from './keys';
import { sealPass } from './sealer';
import { verifyOrgTrail } from './verify';
import {
  FULL_VERIFY_INTERVAL_MS,
  VERIFY_INTERVAL_MS,
  dueVerificationKind,
  verifyAndRecord,
  verifyScheduled,
} from './worker';

const database = setupTestDatabase();
let key: SigningKey;

beforeAll(async () => {
  setDatabase(database());
  key = await generatedSigningKey();
  await registerSigningKey(database().db, key);
});

const exec = (q: ReturnType<typeof sql>) => database().db.execute(q);

/** Adds `count` events to the org and seals them in one pass. */
async function addSealed(orgId: string, count: number, label = 'event'): Promise<void> {
  const { db } = database();
  for (let i = 0; i < count; i++) {
    await insertAuditEvent(db, orgId, {
      type: 'tool.invoked',
      summary: `${label} ${i}`,
      data: { n: i },
    });
  }
  expect(await sealPass(db, key)).not.toBeNull();
}

/** An org whose first 6 events were sealed (2 checkpoints) and verified in full. */
async function verifiedOrg(): Promise<{ orgId: string; head: { seq: number; hash: string } }> {
  const { db } = database();
  const org = await createTestOrg(db);
  await addSealed(org.id, 3, 'old');
  await addSealed(org.id, 3, 'old');
  const report = await verifyOrgTrail(db, org.id);
  expect(report).toMatchObject({ ok: true, kind: 'full', checkpoints: 2, events: 6 });
  return { orgId: org.id, head: { seq: report.headSeq!, hash: report.headHash! } };
}

const at = (ms: number) => () => new Date(NOW.getTime() + ms);
const HOUR = 3_600_000;

describe('an incremental verification', () => {
  it('reads only the checkpoints sealed since the head it goes on from', async () => {
    const { orgId, head } = await verifiedOrg();
    await addSealed(orgId, 4, 'new');
    const report = await verifyOrgTrail(database().db, orgId, { from: head });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({
      ok: true,
      kind: 'incremental',
      checkedFromSeq: 3,
      checkedCheckpoints: 1,
      checkedEvents: 4,
      checkpoints: 3,
      events: 10,
      headSeq: 3,
      unsealedEvents: 0,
    });

    // nothing new: it reads nothing and keeps the head
    const idle = await verifyOrgTrail(database().db, orgId, {
      from: { seq: report.headSeq!, hash: report.headHash! },
    });
    expect(idle).toMatchObject({
      ok: true,
      checkedFromSeq: null,
      checkedCheckpoints: 0,
      events: 10,
      headSeq: 3,
      headHash: report.headHash,
    });
  });

  it('catches an event changed in a new checkpoint', async () => {
    const { orgId, head } = await verifiedOrg();
    await addSealed(orgId, 4, 'new');
    await exec(sql`update audit_events set summary = 'forged' where org_id = ${orgId}
      and summary = 'new 2'`);
    const report = await verifyOrgTrail(database().db, orgId, { from: head });
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'changed', seq: 3 }));
  });

  it('catches new events not linked to the last verified checkpoint, even re-signed with the hub’s key', async () => {
    const { orgId, head } = await verifiedOrg();
    await addSealed(orgId, 2, 'new');
    // The strongest forger: one who holds the signing key re-links checkpoint 3 elsewhere.
    const next = (await checkpointAt(database().db, orgId, 3))!;
    const forged = checkpointJsonOf({ ...next, previousHash: 'f'.repeat(64) });
    const payload = checkpointPayload(forged);
    await exec(sql`update audit_checkpoints set previous_hash = ${'f'.repeat(64)},
      hash = ${payloadHash(payload)}, signature = ${signPayload(key, payload)}
      where org_id = ${orgId} and seq = 3`);
    const report = await verifyOrgTrail(database().db, orgId, { from: head });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'chain', seq: 3, detail: expect.stringContaining('link') }),
    ]);
  });

  it('catches the checkpoint it goes on from changed or gone', async () => {
    const { orgId, head } = await verifiedOrg();
    await addSealed(orgId, 2, 'new');
    await exec(sql`update audit_checkpoints set total_events = total_events + 1
      where org_id = ${orgId} and seq = ${head.seq}`);
    const changed = await verifyOrgTrail(database().db, orgId, { from: head });
    expect(changed.problems.map((p) => p.kind)).toContain('checkpoint');

    await exec(sql`delete from audit_checkpoints where org_id = ${orgId} and seq = ${head.seq}`);
    const gone = await verifyOrgTrail(database().db, orgId, { from: head });
    expect(gone.ok).toBe(false);
    expect(gone.problems).toContainEqual(
      expect.objectContaining({ kind: 'rolled_back', seq: head.seq }),
    );
  });

  it('skips tampering in an old checkpoint, which a full verification catches', async () => {
    const { orgId, head } = await verifiedOrg();
    await addSealed(orgId, 2, 'new');
    await exec(sql`update audit_events set summary = 'forged' where org_id = ${orgId}
      and summary = 'old 1' and number = 2`);
    const incremental = await verifyOrgTrail(database().db, orgId, { from: head });
    expect(incremental).toMatchObject({ ok: true, kind: 'incremental', checkedFromSeq: 3 });
    const full = await verifyOrgTrail(database().db, orgId, { previousHead: head });
    expect(full).toMatchObject({ ok: false, kind: 'full', checkedFromSeq: 1 });
    expect(full.problems).toContainEqual(expect.objectContaining({ kind: 'changed', seq: 1 }));
  });
});

describe('the verification schedule', () => {
  it('goes on incrementally from the last good run and reads everything at least daily', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    await addSealed(org.id, 3);

    const first = await verifyScheduled(db, org.id, at(0));
    expect(first).toMatchObject({ ok: true, kind: 'full', events: 3 });

    await addSealed(org.id, 2);
    const second = await verifyScheduled(db, org.id, at(VERIFY_INTERVAL_MS));
    expect(second).toMatchObject({
      ok: true,
      kind: 'incremental',
      checkedFromSeq: 2,
      checkedEvents: 2,
      events: 5,
    });
    const recorded = (await latestVerification(db, org.id))!;
    expect(recorded).toMatchObject({
      kind: 'incremental',
      checkedFromSeq: 2,
      checkedCheckpoints: 1,
      checkedEvents: 2,
      events: 5,
      headSeq: 2,
    });

    const late = await verifyScheduled(db, org.id, at(FULL_VERIFY_INTERVAL_MS - HOUR));
    expect(late.kind).toBe('incremental');

    // a day after the first full run, the next scheduled one reads the whole trail again
    const daily = await verifyScheduled(db, org.id, at(FULL_VERIFY_INTERVAL_MS));
    expect(daily).toMatchObject({ ok: true, kind: 'full', checkedFromSeq: 1, checkedEvents: 5 });
    const after = await verifyScheduled(db, org.id, at(FULL_VERIFY_INTERVAL_MS + HOUR));
    expect(after.kind).toBe('incremental');
  });

  it('after a failed run checks in full again, so the failure stays until the trail is clean', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    await addSealed(org.id, 3, 'old');
    expect((await verifyScheduled(db, org.id, at(0))).kind).toBe('full');
    await addSealed(org.id, 2, 'new');
    await exec(sql`update audit_events set summary = 'forged' where org_id = ${org.id}
      and summary = 'new 1'`);
    const failed = await verifyScheduled(db, org.id, at(HOUR));
    expect(failed).toMatchObject({ ok: false, kind: 'incremental' });
    const again = await verifyScheduled(db, org.id, at(2 * HOUR));
    expect(again).toMatchObject({ ok: false, kind: 'full' });
    expect((await latestVerification(db, org.id))?.ok).toBe(false);
  });

  it('decides by the last run and the last full one', () => {
    const run = (ok: boolean, hoursAgo: number) =>
      ({
        ok,
        headSeq: 4,
        headHash: 'h',
        finishedAt: new Date(NOW.getTime() - hoursAgo * HOUR),
      }) as Parameters<typeof dueVerificationKind>[0];
    expect(dueVerificationKind(null, null, NOW)).toBe('full');
    expect(dueVerificationKind(run(true, 1), run(true, 2), NOW)).toBe('incremental');
    expect(dueVerificationKind(run(false, 1), run(true, 2), NOW)).toBe('full');
    expect(dueVerificationKind(run(true, 1), run(true, 24), NOW)).toBe('full');
    expect(dueVerificationKind(run(true, 1), null, NOW)).toBe('full');
  });

  it('runs a full verification asked for while an incremental one runs after it, not joined', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    await addSealed(org.id, 3);
    await verifyScheduled(db, org.id, at(0));
    await addSealed(org.id, 1);
    const scheduled = verifyScheduled(db, org.id, at(HOUR));
    const joined = verifyScheduled(db, org.id, at(HOUR));
    const full = verifyAndRecord(db, org.id, { now: at(HOUR) });
    const [a, b, c] = await Promise.all([scheduled, joined, full]);
    expect(b).toBe(a);
    expect(a.kind).toBe('incremental');
    expect(c).toMatchObject({ ok: true, kind: 'full', events: 4 });
    const [row] = rowsOf<{ n: number }>(
      await exec(sql`select count(*)::int as n from audit_verifications where org_id = ${org.id}`),
    );
    expect(row!.n).toBe(3);
  });
});

describe('GET /api/v1/audit/verification', () => {
  it('answers how far sealing reaches and what kind the last verification was', async () => {
    const { db } = database();
    const org = await createTestOrg(db);
    const actor = await createTestActor(db, org.id);
    const { token } = await createApiToken(db, actor, {
      name: 'auditor',
      role: 'auditor',
      expiresInDays: null,
    });
    const get = async () =>
      (await (
        await verification.GET(
          new Request('http://hub.test/api/v1/audit/verification', {
            headers: { authorization: `Bearer ${token}` },
          }),
          { params: Promise.resolve({}) },
        )
      ).json()) as Record<string, unknown>;

    const empty = await get();
    expect(empty).toMatchObject({
      status: 'never',
      kind: null,
      checked_from: null,
      last_full: null,
      // the token's creation is in the trail, not sealed yet
      sealing: { sealed_through: null, events: 0, checkpoints: 0, unsealed_events: 1 },
    });

    await addSealed(org.id, 3);
    await verifyScheduled(db, org.id, at(0));
    await addSealed(org.id, 2);
    await verifyScheduled(db, org.id, at(HOUR));
    await insertAuditEvent(db, org.id, { type: 'tool.invoked', summary: 'not sealed yet' });
    const answer = await get();
    expect(answer).toMatchObject({
      status: 'verified',
      kind: 'incremental',
      checked_from: 2,
      checked_checkpoints: 1,
      checked_events: 2,
      events: 6,
      last_full: { status: 'verified', finished_at: NOW.toISOString() },
      sealing: { events: 6, checkpoints: 2, unsealed_events: 1 },
      running: false,
    });
    const sealing = answer.sealing as Record<string, string>;
    expect(sealing.sealed_through).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(new Date(sealing.oldest_unsealed_at!).getTime()).toBeGreaterThanOrEqual(
      new Date(sealing.sealed_through!).getTime(),
    );
  });
});
