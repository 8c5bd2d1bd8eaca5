import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db/client';
import * as route from '@/app/api/v1/revocations/[seq]/deliveries/route';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { documentedAnswer } from '@/lib/testing/api-operations';
import { setupTestDatabase } from '@/lib/testing/fixtures';
import { eventually, pushSetup, startReceiver } from '@/lib/testing/outbox';
import { OutboxWorker } from './outbox/worker';

const database = setupTestDatabase();
const keys = { admin: '', other: '' };

const get = async (seq: string, token = keys.admin) => {
  const response = await route.GET(
    new Request(`http://hub.test/api/v1/revocations/${seq}/deliveries`, {
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ seq }) },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

afterAll(() => vi.unstubAllEnvs());
beforeAll(async () => {
  setDatabase(database());
  // The receiver listens on loopback, which only an on-premises or test hub may call.
  vi.stubEnv('HUB_ALLOW_PRIVATE_TARGETS', '1');
  const receiver = await startReceiver(() => secret);
  let secret = '';
  const ctx = await pushSetup(database().db, receiver.url);
  secret = ctx.secret;
  keys.admin = (
    await createApiToken(database().db, ctx.actor, {
      name: 'a',
      role: 'auditor',
      expiresInDays: null,
    })
  ).token;
  const other = await pushSetup(database().db, receiver.url);
  keys.other = (
    await createApiToken(database().db, other.actor, {
      name: 'a',
      role: 'admin',
      expiresInDays: null,
    })
  ).token;
  receiver.answer(500, 'down');
  const worker = new OutboxWorker(database(), { hubUrl: 'http://hub.test', log: () => {} });
  await worker.start();
  await ctx.revoke('tok-1');
  await eventually(async () => expect((await ctx.attempts()).length).toBe(1));
  await worker.stop();
  await receiver.close();
});

describe('GET /api/v1/revocations/{seq}/deliveries', () => {
  it('answers the entry with each server’s status and attempts, as documented', async () => {
    const answer = await get('1');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      entry: { seq: '1', kind: 'token', token_ref: 'tok-1' },
      deliveries: [
        {
          status: 'pending',
          attempts: 1,
          last_error: 'HTTP 500',
          history: [{ status_code: 500, error: 'HTTP 500' }],
        },
      ],
    });
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(
      await documentedAnswer('GET', '/api/v1/revocations/{seq}/deliveries'),
    );
    expect(validate(answer.body), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses a bad seq with 422, and an unknown or foreign one with 404', async () => {
    expect((await get('abc')).status).toBe(422);
    expect((await get('-1')).status).toBe(422);
    // 19 digits, past PostgreSQL's bigint: refused by the check, not failed by the query
    expect((await get('9999999999999999999')).status).toBe(422);
    expect((await get('9223372036854775807')).status).toBe(404);
    expect((await get('99')).status).toBe(404);
    // the other org has no entry 1
    expect((await get('1', keys.other)).status).toBe(404);
  });
});
