import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { listRecentRefusals, getSource } from '@/db/queries/sources';
import { sources } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { createTestOrg, setupTestDatabase } from '@/lib/testing/fixtures';
import { createSource, rotateSourceSecret, setSourceEnabled } from '@/lib/sources/manage-sources';
import { signed } from '@/lib/testing/signed-request';
import { handleIngestionRequest } from './transport';

const database = setupTestDatabase();

async function newSource(kind: 'authorization_server' | 'mcp_server' = 'authorization_server') {
  const db = database().db;
  const org = await createTestOrg(db);
  const actor = { id: randomUUID(), orgId: org.id, email: 'admin@example.test' };
  const created = await createSource(db, actor, {
    name: 'AS',
    kind,
    issuer: 'https://auth.example.test',
    resource: undefined,
    revocation_webhook_url: undefined,
  });
  return { db, org, actor, id: created.source.id, secret: created.signingSecret };
}

function registered(id = `evt-${randomUUID()}`, clientId = 'client-1') {
  return {
    specversion: '1.0',
    id,
    source: 'https://auth.example.test',
    type: 'client.registered',
    time: new Date().toISOString(),
    data: {
      client_id: clientId,
      method: 'dcr',
      client_name: 'Test agent',
      redirect_uris: ['https://app.example.test/cb'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'none',
    },
  };
}

async function auditCount(orgId: string): Promise<number> {
  const result = await database().db.execute(
    sql`select count(*)::int as n from audit_events where org_id = ${orgId} and source_id is not null`,
  );
  return rowsOf<{ n: number }>(result)[0]!.n;
}

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as { status: number; title: string };
  expect(body.status).toBe(status);
  return body as Record<string, unknown>;
}

describe('POST /api/v1/sources/{id}/events', () => {
  it('202: accepts one event and a batch signed by the standardwebhooks library, and re-sending is a duplicate', async () => {
    const { db, org, id, secret } = await newSource();
    const one = registered();
    const first = await handleIngestionRequest(db, id, signed(id, secret, JSON.stringify(one)));
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ accepted: 1, duplicates: 0 });

    const batch = [registered(undefined, 'client-2'), registered(undefined, 'client-3'), one];
    const second = await handleIngestionRequest(
      db,
      id,
      signed(id, secret, JSON.stringify(batch), {
        contentType: 'application/cloudevents-batch+json',
      }),
    );
    expect(await second.json()).toEqual({ accepted: 2, duplicates: 1 });

    const plain = await handleIngestionRequest(
      db,
      id,
      signed(id, secret, JSON.stringify(registered()), {
        contentType: 'application/json; charset=utf-8',
      }),
    );
    expect(plain.status).toBe(202);
    expect(await auditCount(org.id)).toBe(4);
    expect((await getSource(db, org.id, id))?.acceptedCount).toBe(4);
  });

  it('401: one answer for a missing, wrong, stale or future signature, an unknown or disabled source', async () => {
    const { db, org, actor, id, secret } = await newSource();
    const body = JSON.stringify(registered());
    const other = new Webhook(`whsec_${Buffer.alloc(32, 9).toString('base64')}`);
    const cases: Request[] = [
      new Request(`http://hub.test/x`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/cloudevents+json' },
      }),
      signed(id, secret, body, {
        headers: { 'webhook-signature': other.sign('msg_1', new Date(), body) },
      }),
      signed(id, secret, body, { at: new Date(Date.now() - 6 * 60 * 1000) }),
      signed(id, secret, body, { at: new Date(Date.now() + 6 * 60 * 1000) }),
    ];
    const details = new Set<string>();
    for (const request of cases)
      details.add(
        JSON.stringify(await expectProblem(await handleIngestionRequest(db, id, request), 401)),
      );
    details.add(
      JSON.stringify(
        await expectProblem(
          await handleIngestionRequest(db, randomUUID(), signed(id, secret, body)),
          401,
        ),
      ),
    );
    details.add(
      JSON.stringify(
        await expectProblem(
          await handleIngestionRequest(db, 'not-a-uuid', signed(id, secret, body)),
          401,
        ),
      ),
    );
    // Through the real path, which also drops the hub's cached copy of the source at once.
    await setSourceEnabled(db, actor, { sourceId: id, enabled: false, reason: 'test' });
    details.add(
      JSON.stringify(
        await expectProblem(await handleIngestionRequest(db, id, signed(id, secret, body)), 401),
      ),
    );
    expect(details.size).toBe(1);
    expect(await auditCount(org.id)).toBe(0);
    const reasons = (await listRecentRefusals(db, org.id, [id], 10)).map((r) => r.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'signature does not match any active secret',
        'timestamp: message timestamp too old',
        'source is disabled',
      ]),
    );
  });

  it('rotation: both secrets verify during the grace period, then only the new one', async () => {
    const { db, actor, id, secret } = await newSource();
    const { signingSecret } = await rotateSourceSecret(db, actor, id);
    expect(
      (await handleIngestionRequest(db, id, signed(id, secret, JSON.stringify(registered()))))
        .status,
    ).toBe(202);
    expect(
      (
        await handleIngestionRequest(
          db,
          id,
          signed(id, signingSecret, JSON.stringify(registered())),
        )
      ).status,
    ).toBe(202);
    await rotateSourceSecret(db, actor, id, 0);
    expect(
      (await handleIngestionRequest(db, id, signed(id, secret, JSON.stringify(registered()))))
        .status,
    ).toBe(401);
  });

  it('400: signed but not JSON, not an event, the wrong shape for the media type, or nested too deep', async () => {
    const { db, org, id, secret } = await newSource();
    await expectProblem(
      await handleIngestionRequest(db, id, signed(id, secret, '{"specversion":')),
      400,
    );
    await expectProblem(await handleIngestionRequest(db, id, signed(id, secret, '42')), 400);
    await expectProblem(
      await handleIngestionRequest(
        db,
        id,
        signed(id, secret, JSON.stringify(registered()), {
          contentType: 'application/cloudevents-batch+json',
        }),
      ),
      400,
    );
    await expectProblem(
      await handleIngestionRequest(db, id, signed(id, secret, JSON.stringify([registered()]))),
      400,
    );
    const deep = {
      ...registered(),
      data: { ...registered().data, extra: JSON.parse('['.repeat(40) + ']'.repeat(40)) },
    };
    await expectProblem(
      await handleIngestionRequest(db, id, signed(id, secret, JSON.stringify(deep))),
      400,
    );
    expect(await auditCount(org.id)).toBe(0);
  });

  it('413: over 1 MiB or over 1,000 events', async () => {
    const { db, org, id, secret } = await newSource();
    const big = JSON.stringify({
      ...registered(),
      data: { ...registered().data, padding: 'x'.repeat(1024 * 1024) },
    });
    await expectProblem(await handleIngestionRequest(db, id, signed(id, secret, big)), 413);
    const many = JSON.stringify(Array.from({ length: 1001 }, (_, i) => registered(`bulk-${i}`)));
    await expectProblem(
      await handleIngestionRequest(
        db,
        id,
        signed(id, secret, many, { contentType: 'application/cloudevents-batch+json' }),
      ),
      413,
    );
    expect(await auditCount(org.id)).toBe(0);
  });

  it('415: any other content type', async () => {
    const { db, id, secret } = await newSource();
    await expectProblem(
      await handleIngestionRequest(
        db,
        id,
        signed(id, secret, JSON.stringify(registered()), { contentType: 'text/plain' }),
      ),
      415,
    );
  });

  it('422: lists every broken event with its index and path, and accepts none of the batch', async () => {
    const { db, org, id, secret } = await newSource();
    const untyped: Record<string, unknown> = registered();
    delete untyped.type;
    const batch = [registered(), untyped, { ...registered(), data: { client_id: 42 } }];
    const body = await expectProblem(
      await handleIngestionRequest(
        db,
        id,
        signed(id, secret, JSON.stringify(batch), {
          contentType: 'application/cloudevents-batch+json',
        }),
      ),
      422,
    );
    const errors = body.errors as { index: number; path: string; message: string }[];
    expect(errors.some((e) => e.index === 1 && e.path === '/type')).toBe(true);
    expect(errors.some((e) => e.index === 2 && e.path.startsWith('/data'))).toBe(true);
    expect(errors.every((e) => e.index !== 0)).toBe(true);
    expect(await auditCount(org.id)).toBe(0);
  });

  it('429: over the source rate, with Retry-After, and other sources are not affected', async () => {
    const { db, org, id, secret } = await newSource();
    await db.update(sources).set({ rateLimitPerMinute: 3 }).where(eq(sources.id, id));
    const batch = [registered(), registered(), registered()];
    expect(
      (
        await handleIngestionRequest(
          db,
          id,
          signed(id, secret, JSON.stringify(batch), {
            contentType: 'application/cloudevents-batch+json',
          }),
        )
      ).status,
    ).toBe(202);
    const limited = await handleIngestionRequest(
      db,
      id,
      signed(id, secret, JSON.stringify(registered())),
    );
    await expectProblem(limited, 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await auditCount(org.id)).toBe(3);
    const other = await newSource();
    expect(
      (
        await handleIngestionRequest(
          other.db,
          other.id,
          signed(other.id, other.secret, JSON.stringify(registered())),
        )
      ).status,
    ).toBe(202);
  });
});
