import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { createApiToken } from '@/lib/api-tokens/manage-api-tokens';
import { auditOf } from '@/lib/testing/enforcement';
import { createTestActor, createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import * as collection from '@/app/api/v1/sources/route';
import * as one from '@/app/api/v1/sources/[sourceId]/route';

const database = setupTestDatabase();
const tokens = { admin: '', auditor: '', otherAdmin: '' };
let orgId = '';

beforeAll(async () => {
  setDatabase(database());
  const db = database().db;
  const [org, other] = [await createTestOrg(db), await createTestOrg(db)];
  orgId = org.id;
  const make = async (id: string, role: 'admin' | 'auditor') =>
    (
      await createApiToken(db, await createTestActor(db, id), {
        name: role,
        role,
        expiresInDays: null,
      })
    ).token;
  tokens.admin = await make(org.id, 'admin');
  tokens.auditor = await make(org.id, 'auditor');
  tokens.otherAdmin = await make(other.id, 'admin');
});

const call = (token: string, method: string, body?: unknown) =>
  new Request('http://hub.test/api/v1/sources', {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const noParams = { params: Promise.resolve({}) };
const withId = (sourceId: string) => ({ params: Promise.resolve({ sourceId }) });

describe('enforces_revocations on sources', () => {
  it('defaults to true, is set at creation and changed with PATCH, audited once per change', async () => {
    const plain = (await (
      await collection.POST(
        call(tokens.admin, 'POST', {
          name: 'CRM',
          kind: 'mcp_server',
          resource: 'https://crm.test',
        }),
        noParams,
      )
    ).json()) as Record<string, unknown>;
    expect(plain).toMatchObject({
      enforces_revocations: true,
      applied_through_seq: null,
      last_heartbeat_at: null,
    });
    const reporting = (await (
      await collection.POST(
        call(tokens.admin, 'POST', {
          name: 'Reporting AS',
          kind: 'authorization_server',
          issuer: 'https://as.reporting.test',
          enforces_revocations: false,
        }),
        noParams,
      )
    ).json()) as { id: string; enforces_revocations: boolean };
    expect(reporting.enforces_revocations).toBe(false);

    const patched = await one.PATCH(
      call(tokens.admin, 'PATCH', { enforces_revocations: true }),
      withId(reporting.id),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id: reporting.id, enforces_revocations: true });
    await one.PATCH(
      call(tokens.admin, 'PATCH', { enforces_revocations: true }),
      withId(reporting.id),
    );
    const fetched = (await (
      await one.GET(call(tokens.auditor, 'GET'), withId(reporting.id))
    ).json()) as Record<string, unknown>;
    expect(fetched.enforces_revocations).toBe(true);
    const audited = (await auditOf(database().db, orgId, 'source.updated')).filter(
      (r) => (r.data as { sourceId: string }).sourceId === reporting.id,
    );
    expect(audited).toHaveLength(1);
    expect(audited[0]!.summary).toMatch(/marked “Reporting AS” as enforcing revocations/);
  });

  it('refuses bad input, other roles and other orgs, and changes nothing', async () => {
    const { id } = (await (
      await collection.POST(
        call(tokens.admin, 'POST', { name: 'GW', kind: 'gateway', enforces_revocations: 'no' }),
        noParams,
      )
    ).json()) as { id?: string };
    expect(id).toBeUndefined();
    const created = (await (
      await collection.POST(call(tokens.admin, 'POST', { name: 'GW', kind: 'gateway' }), noParams)
    ).json()) as { id: string };
    for (const body of [{}, { enforces_revocations: 'false' }, { name: 'x' }]) {
      const answer = await one.PATCH(call(tokens.admin, 'PATCH', body), withId(created.id));
      expect(answer.status).toBe(422);
    }
    expect(
      (
        await one.PATCH(
          call(tokens.auditor, 'PATCH', { enforces_revocations: false }),
          withId(created.id),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await one.PATCH(
          call(tokens.otherAdmin, 'PATCH', { enforces_revocations: false }),
          withId(created.id),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await one.PATCH(
          call(tokens.admin, 'PATCH', { enforces_revocations: false }),
          withId('nope'),
        )
      ).status,
    ).toBe(404);
    const after = (await (await one.GET(call(tokens.admin, 'GET'), withId(created.id))).json()) as {
      enforces_revocations: boolean;
    };
    expect(after.enforces_revocations).toBe(true);
  });
});
