import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { insertRevocationEntry } from '@/db/queries/revocations';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { createTestActor, createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import * as check from '@/app/api/v1/revocations/check/route';

const database = setupTestDatabase();
let token = '';
let otherToken = '';
const issuer = 'https://as.check.test';
const actor = { type: 'admin', id: 'tester' };

const ask = async (body: unknown, bearer = token) => {
  const response = await check.POST(
    new Request('http://hub.test/api/v1/revocations/check', {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  setDatabase(database());
  const db = database().db;
  const [org, other] = [await createTestOrg(db), await createTestOrg(db)];
  const make = async (orgId: string) =>
    createApiToken(db, await createTestActor(db, orgId), {
      name: 'c',
      role: 'auditor',
      expiresInDays: null,
    });
  token = (await make(org.id)).token;
  otherToken = (await make(other.id)).token;
  const at = new Date('2026-11-20T10:00:00Z');
  await insertRevocationEntry(db, org.id, {
    kind: 'token',
    tokenRef: 'tok-9',
    revokedAt: at,
    actor,
  });
  await insertRevocationEntry(db, org.id, {
    kind: 'family',
    familyId: 'fam-9',
    revokedAt: at,
    actor,
  });
  await insertRevocationEntry(db, org.id, {
    kind: 'subject',
    issuer,
    sub: 'u-gone',
    revokedAt: at,
    actor,
  });
  // An agent suspended, then reinstated at 12:00: tokens issued before 12:00 stay refused.
  await insertRevocationEntry(db, org.id, {
    kind: 'agent',
    issuer,
    clientId: 'agent-r',
    revokedAt: at,
    reason: 'suspended',
    actor,
  });
  await insertRevocationEntry(db, org.id, {
    kind: 'agent',
    issuer,
    clientId: 'agent-r',
    revokedAt: new Date('2026-11-20T12:00:00Z'),
    notBefore: new Date('2026-11-20T12:00:00Z'),
    reason: 'reinstated',
    actor,
  });
});

describe('POST /api/v1/revocations/check', () => {
  it('finds token, family and subject entries', async () => {
    expect((await ask({ token_ref: 'tok-9' })).body).toMatchObject({
      revoked: true,
      entry: { kind: 'token', token_ref: 'tok-9', seq: '1' },
    });
    expect((await ask({ token_ref: 'fresh', family_id: 'fam-9' })).body).toMatchObject({
      revoked: true,
      entry: { kind: 'family' },
    });
    expect((await ask({ issuer, client_id: 'any', sub: 'u-gone' })).body).toMatchObject({
      revoked: true,
      entry: { kind: 'subject' },
    });
    expect((await ask({ token_ref: 'fresh', issuer, sub: 'u-here' })).body).toEqual({
      revoked: false,
      entry: null,
    });
  });

  it('honours a reinstatement’s not_before by the token’s issuance', async () => {
    const base = { issuer, client_id: 'agent-r' };
    expect((await ask({ ...base, issued_at: '2026-11-20T11:59:00Z' })).body).toMatchObject({
      revoked: true,
      entry: { reason: 'reinstated', not_before: '2026-11-20T12:00:00.000Z' },
    });
    expect((await ask({ ...base, issued_at: '2026-11-20T12:00:01Z' })).body).toEqual({
      revoked: false,
      entry: null,
    });
    expect((await ask(base)).body).toMatchObject({ revoked: true });
  });

  it('is scoped to the caller’s org', async () => {
    expect((await ask({ token_ref: 'tok-9' }, otherToken)).body).toEqual({
      revoked: false,
      entry: null,
    });
  });

  it('refuses a question that names nothing or carries unknown fields', async () => {
    for (const body of [{}, { issuer }, { token_ref: '' }, { token_ref: 'a', extra: 1 }, []]) {
      expect((await ask(body)).status, JSON.stringify(body)).toBe(422);
    }
    expect((await ask({ token_ref: 'a', issued_at: 'yesterday' })).status).toBe(422);
  });
});
