import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, setDatabase } from '@/db/client';
import { insertAuditEvent } from '../record';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { createTestActor, createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import * as verification from '@/app/api/v1/audit/verification/route';
import { generatedSigningKey, registerSigningKey, type SigningKey } from './keys';
import { sealPass } from './sealer';
import { verificationWait, verifyAndRecord } from './worker';

const database = setupTestDatabase();
let key: SigningKey;

beforeAll(async () => {
  setDatabase(database());
  key = await generatedSigningKey();
  await registerSigningKey(database().db, key);
});

/** An org with a sealed trail of a few events, so a verification has something to read. */
async function sealedOrg(): Promise<string> {
  const { db } = database();
  const org = await createTestOrg(db);
  for (let i = 0; i < 5; i++)
    await insertAuditEvent(db, org.id, { type: 'tool.invoked', summary: `event ${i}`, data: {} });
  await sealPass(db, key);
  return org.id;
}

async function recordedRuns(orgId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await database().db.execute(
      sql`select count(*)::int as n from audit_verifications where org_id = ${orgId}`,
    ),
  );
  return row!.n;
}

describe('verifying an org’s trail', () => {
  it('joins a run in progress: two calls at once get the same report from one run', async () => {
    const orgId = await sealedOrg();
    const { db } = database();
    const [a, b] = await Promise.all([verifyAndRecord(db, orgId), verifyAndRecord(db, orgId)]);
    expect(a.ok).toBe(true);
    expect(a.events).toBe(5);
    expect(b).toBe(a);
    expect(await recordedRuns(orgId)).toBe(1);

    // once it finished, the next call runs again; another org's never waits for this one's
    const other = await sealedOrg();
    const [c, d] = await Promise.all([verifyAndRecord(db, orgId), verifyAndRecord(db, other)]);
    expect(c).not.toBe(a);
    expect(d).not.toBe(c);
    expect(await recordedRuns(orgId)).toBe(2);
    expect(await recordedRuns(other)).toBe(1);
  });

  it('answers two concurrent POST /api/v1/audit/verification from one run', async () => {
    const orgId = await sealedOrg();
    const actor = await createTestActor(database().db, orgId);
    const { token } = await createApiToken(database().db, actor, {
      name: 'auditor',
      role: 'auditor',
      expiresInDays: null,
    });
    const post = () =>
      verification.POST(
        new Request('http://hub.test/api/v1/audit/verification', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        }),
        { params: Promise.resolve({}) },
      );
    const [first, second] = await Promise.all([post(), post()]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const [a, b] = (await Promise.all([first.json(), second.json()])) as Record<string, unknown>[];
    expect(a).toMatchObject({ status: 'verified', events: 5 });
    expect(b).toEqual(a);
    expect(await recordedRuns(orgId)).toBe(1);
  });

  it(
    'answers 202 with running: true when the trail takes longer than the wait, then the outcome',
    { timeout: 90_000 },
    async () => {
      const orgId = await sealedOrg();
      const actor = await createTestActor(database().db, orgId);
      const { token } = await createApiToken(database().db, actor, {
        name: 'auditor',
        role: 'auditor',
        expiresInDays: null,
      });
      const call = (method: 'GET' | 'POST') =>
        (method === 'GET' ? verification.GET : verification.POST)(
          new Request('http://hub.test/api/v1/audit/verification', {
            method,
            headers: { authorization: `Bearer ${token}` },
          }),
          { params: Promise.resolve({}) },
        );
      const wait = verificationWait.ms;
      verificationWait.ms = 0; // any trail is "too big" to wait for
      try {
        const started = await call('POST');
        expect(started.status).toBe(202);
        expect(started.headers.get('location')).toBe('/api/v1/audit/verification');
        expect(await started.json()).toMatchObject({ status: 'never', running: true });
      } finally {
        verificationWait.ms = wait;
      }
      // until the run is over (seconds on a busy machine), as a client following Location would
      let polled: Record<string, unknown> = {};
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        polled = (await (await call('GET')).json()) as Record<string, unknown>;
        // its outcome recorded (a busy pass may answer `running: false` a moment before)
        if (!polled.running && polled.status !== 'never') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(polled).toMatchObject({ status: 'verified', events: 5, running: false });
      expect(await recordedRuns(orgId)).toBe(1);
    },
  );
});
