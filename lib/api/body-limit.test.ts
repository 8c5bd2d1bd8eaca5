import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db/client';
import { createTestAdminToken, setupTestDatabase } from '@/lib/testing/fixtures';
import * as sources from '@/app/api/v1/sources/route';
import * as rotate from '@/app/api/v1/sources/[sourceId]/rotate-secret/route';

const database = setupTestDatabase();
let token = '';

beforeAll(async () => {
  setDatabase(database());
  token = await createTestAdminToken(database().db);
});

const noParams = { params: Promise.resolve({}) };
const MiB = 1024 * 1024;
const valid = { name: 'Big', kind: 'mcp_server', resource: 'https://big.example/mcp' };

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return sources.POST(
    new Request('http://hub.test/api/v1/sources', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body,
      duplex: 'half',
    } as RequestInit),
    noParams,
  );
}

async function sourceCount(): Promise<number> {
  const res = await sources.GET(
    new Request('http://hub.test/api/v1/sources', {
      headers: { authorization: `Bearer ${token}` },
    }),
    noParams,
  );
  return ((await res.json()) as { items: unknown[] }).items.length;
}

async function expectTooLarge(res: Response) {
  expect(res.status).toBe(413);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(await res.json()).toMatchObject({ status: 413, title: 'Content Too Large' });
}

describe('management API bodies', () => {
  it('answer 413 to a 2 MiB body and create nothing', async () => {
    const before = await sourceCount();
    await expectTooLarge(await post(JSON.stringify({ ...valid, padding: 'p'.repeat(2 * MiB) })));
    expect(await sourceCount()).toBe(before);
  });

  it('stop reading a body at the cap instead of taking it all', async () => {
    // 8 MiB sent in 64 KiB chunks, with no Content-Length to refuse it by
    let pulled = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        if (pulled >= 8 * MiB) controller.close();
      },
    });
    await expectTooLarge(await post(chunked));
    expect(pulled).toBeLessThanOrEqual(MiB + 3 * 64 * 1024);
  });

  it('refuse a declared length over the cap before reading, even where the body is unused', async () => {
    const res = await rotate.POST(
      new Request(`http://hub.test/api/v1/sources/${randomUUID()}/rotate-secret`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-length': String(2 * MiB) },
      }),
      { params: Promise.resolve({ sourceId: randomUUID() }) },
    );
    await expectTooLarge(res);
  });

  it('still accept a body just under the cap', async () => {
    const text = JSON.stringify({ ...valid, name: 'Near the cap' });
    const padded = text.padEnd(MiB - 1, ' ');
    expect((await post(padded)).status).toBe(201);
  });
});
